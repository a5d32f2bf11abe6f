import type { Meta, StoryObj } from '@storybook/react-vite'
import { ConnectButton, type ConnectButtonProps } from '../src/index.js'
import { buttonArgs, buttonArgTypes } from './support/buttonMeta.js'
import {
  allStatesStory,
  darkBackgroundStory,
  hiddenStatusStory,
  stateStory,
  themedStory,
  unstyledStory,
} from './support/stateStories.js'

/**
 * Each state below is reached through the real round trip: a click (the play function) against
 * msw handlers from `@pyas/react/testing`, or a page that starts as the return from the consent
 * screen. Nothing is forced through props; `navigate` is held so no story leaves Storybook.
 */
const meta = {
  title: 'Components/ConnectButton',
  component: ConnectButton,
  args: { provider: 'google', ...buttonArgs() },
  argTypes: {
    provider: { control: 'inline-radio', options: ['google', 'microsoft', 'zoom'] },
    ...buttonArgTypes,
  },
} satisfies Meta<typeof ConnectButton>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = stateStory('Idle')
export const Preparing: Story = stateStory('Preparing')
export const Redirecting: Story = stateStory('Redirecting')
export const Exchanging: Story = stateStory('Exchanging')
export const Connected: Story = stateStory('Connected')
export const Cancelled: Story = stateStory('Cancelled')
export const InvalidEmail: Story = stateStory('InvalidEmail')
export const Unauthorized: Story = stateStory('Unauthorized')
export const RateLimited: Story = stateStory('RateLimited')
export const NetworkError: Story = stateStory('NetworkError')
export const StateMismatch: Story = stateStory('StateMismatch')
export const AllStates: Story = allStatesStory('ConnectButton', (args: ConnectButtonProps) => (
  <ConnectButton {...args} />
))
/** `statusDisplay="hidden"`: the message is announced, and the app shows it its own way. */
export const StatusHidden: Story = hiddenStatusStory('InvalidEmail')
export const Unstyled: Story = unstyledStory()
export const Themed: Story = themedStory()
export const DarkBackground: Story = darkBackgroundStory()
