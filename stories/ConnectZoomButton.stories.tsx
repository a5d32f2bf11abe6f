import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectZoomButton, type ConnectZoomButtonProps } from '../src/index.js'
import { buttonArgs, buttonArgTypes } from './support/buttonMeta.js'
import {
  allStatesStory,
  darkBackgroundStory,
  hiddenStatusStory,
  stateStory,
  themedStory,
  unstyledStory,
} from './support/stateStories.js'

/** `ConnectButton` with `provider="zoom"`, labelled “Connect Zoom” by default. */
const meta = {
  title: 'Components/ConnectZoomButton',
  component: ConnectZoomButton,
  args: buttonArgs(false),
  argTypes: buttonArgTypes,
} satisfies Meta<typeof ConnectZoomButton>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = stateStory('Idle', 'zoom')
export const Preparing: Story = stateStory('Preparing', 'zoom')
export const Redirecting: Story = stateStory('Redirecting', 'zoom')
export const Exchanging: Story = stateStory('Exchanging', 'zoom')
export const Connected: Story = stateStory('Connected', 'zoom')
export const Cancelled: Story = stateStory('Cancelled', 'zoom')
// No InvalidEmail: Zoom never asks for an email (none is sent), so it cannot be invalid.
export const Unauthorized: Story = stateStory('Unauthorized', 'zoom')
export const RateLimited: Story = stateStory('RateLimited', 'zoom')
export const NetworkError: Story = stateStory('NetworkError', 'zoom')
export const StateMismatch: Story = stateStory('StateMismatch', 'zoom')
export const AllStates: Story = allStatesStory(
  'ConnectZoomButton',
  (args: ConnectZoomButtonProps) => <ConnectZoomButton {...args} />,
  'zoom',
)
/** `statusDisplay="hidden"`: the message is announced, and the app shows it its own way. */
export const StatusHidden: Story = hiddenStatusStory('NetworkError', 'zoom')
export const Unstyled: Story = unstyledStory()
export const Themed: Story = themedStory()
export const DarkBackground: Story = darkBackgroundStory()
