import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectGoogleButton, type ConnectGoogleButtonProps } from '../src/index.js'
import { buttonArgs, buttonArgTypes } from './support/buttonMeta.js'
import {
  allStatesStory,
  darkBackgroundStory,
  hiddenStatusStory,
  stateStory,
  themedStory,
  unstyledStory,
} from './support/stateStories.js'

/** `ConnectButton` with `provider="google"`, labelled “Connect Google Calendar” by default. */
const meta = {
  title: 'Components/ConnectGoogleButton',
  component: ConnectGoogleButton,
  args: buttonArgs(),
  argTypes: buttonArgTypes,
} satisfies Meta<typeof ConnectGoogleButton>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = stateStory('Idle', 'google')
export const Preparing: Story = stateStory('Preparing', 'google')
export const Redirecting: Story = stateStory('Redirecting', 'google')
export const Exchanging: Story = stateStory('Exchanging', 'google')
export const Connected: Story = stateStory('Connected', 'google')
export const Cancelled: Story = stateStory('Cancelled', 'google')
export const InvalidEmail: Story = stateStory('InvalidEmail', 'google')
export const Unauthorized: Story = stateStory('Unauthorized', 'google')
export const RateLimited: Story = stateStory('RateLimited', 'google')
export const NetworkError: Story = stateStory('NetworkError', 'google')
export const StateMismatch: Story = stateStory('StateMismatch', 'google')
export const AllStates: Story = allStatesStory(
  'ConnectGoogleButton',
  (args: ConnectGoogleButtonProps) => <ConnectGoogleButton {...args} />,
  'google',
)
/** `statusDisplay="hidden"`: the message is announced, and the app shows it its own way. */
export const StatusHidden: Story = hiddenStatusStory('InvalidEmail', 'google')
export const Unstyled: Story = unstyledStory()
export const Themed: Story = themedStory()
export const DarkBackground: Story = darkBackgroundStory()
