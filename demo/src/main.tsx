import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../src/styles.css'
import './demo.css'
import { App } from './App.js'

const root = document.getElementById('root')
if (!root) throw new Error('demo: #root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
