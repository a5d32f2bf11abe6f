// app/routes.ts
import { index, type RouteConfig, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('api/pyas/*', 'routes/api.pyas.$.ts'),
] satisfies RouteConfig
