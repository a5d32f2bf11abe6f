import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectOutlookButton, type ConnectOutlookButtonProps } from '../src/index.js'
import { buttonArgs, buttonArgTypes } from './support/buttonMeta.js'
import {
  allStatesStory,
  darkBackgroundStory,
  hiddenStatusStory,
  stateStory,
  themedStory,
  unstyledStory,
} from './support/stateStories.js'

/** `ConnectButton` with `provider="microsoft"`, labelled “Connect Outlook Calendar” by default. */
const meta = {
  title: 'Components/ConnectOutlookButton',
  component: ConnectOutlookButton,
  args: buttonArgs(),
  argTypes: buttonArgTypes,
} satisfies Meta<typeof ConnectOutlookButton>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = stateStory('Idle', 'microsoft')
export const Preparing: Story = stateStory('Preparing', 'microsoft')
export const Redirecting: Story = stateStory('Redirecting', 'microsoft')
export const Exchanging: Story = stateStory('Exchanging', 'microsoft')
export const Connected: Story = stateStory('Connected', 'microsoft')
export const Cancelled: Story = stateStory('Cancelled', 'microsoft')
export const InvalidEmail: Story = stateStory('InvalidEmail', 'microsoft')
export const Unauthorized: Story = stateStory('Unauthorized', 'microsoft')
export const RateLimited: Story = stateStory('RateLimited', 'microsoft')
export const NetworkError: Story = stateStory('NetworkError', 'microsoft')
export const StateMismatch: Story = stateStory('StateMismatch', 'microsoft')
export const AllStates: Story = allStatesStory(
  'ConnectOutlookButton',
  (args: ConnectOutlookButtonProps) => <ConnectOutlookButton {...args} />,
  'microsoft',
)
/** `statusDisplay="hidden"`: the message is announced, and the app shows it its own way. */
export const StatusHidden: Story = hiddenStatusStory('InvalidEmail', 'microsoft')
export const Unstyled: Story = unstyledStory()
export const Themed: Story = themedStory()
export const DarkBackground: Story = darkBackgroundStory()
