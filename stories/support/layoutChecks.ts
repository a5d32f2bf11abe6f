import { expect } from 'storybook/test'

/**
 * What a sighted person gets from the browser's layout, for `play` functions: whether a text is
 * painted on screen, whether a component spills out sideways, which side a brand mark is on.
 * Measured, not read from class names, so a stylesheet change that hides or moves something fails.
 */

const describe = (element: Element) =>
  `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ''}>`

/**
 * `element` is on screen: a box larger than the 1 px of a visually hidden text, and the topmost
 * thing at its centre (so neither a clip, an `overflow: hidden` ancestor nor another box covers it).
 */
export async function expectOnScreen(element: HTMLElement) {
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  const box = element.getBoundingClientRect()
  await expect(box.width, `${describe(element)} width`).toBeGreaterThan(1)
  await expect(box.height, `${describe(element)} height`).toBeGreaterThan(1)
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
  await expect(
    hit !== null && element.contains(hit),
    `${describe(element)} is the topmost box at its centre (found ${hit && describe(hit)})`,
  ).toBe(true)
}

/**
 * `element` shows its whole text: nothing clamped, clipped or cut with an ellipsis (its content
 * fits its box both ways, and no ancestor clips it), and the text's last character is painted on
 * top at its place — the end of an error, "Try again in 30 seconds.", is what a person acts on.
 */
export async function expectWholeText(element: HTMLElement) {
  const name = describe(element)
  const style = getComputedStyle(element)
  await expect(style.textOverflow, `${name} text-overflow`).not.toBe('ellipsis')
  await expect(style.whiteSpace, `${name} white-space`).not.toMatch(/nowrap|pre$/)
  await expect(style.getPropertyValue('-webkit-line-clamp') || 'none', `${name} line clamp`).toBe(
    'none',
  )
  await expect(element.scrollWidth, `${name} content width`).toBeLessThanOrEqual(
    element.clientWidth + 1,
  )
  await expect(element.scrollHeight, `${name} content height`).toBeLessThanOrEqual(
    element.clientHeight + 1,
  )
  const range = document.createRange()
  range.selectNodeContents(element)
  const text = range.getBoundingClientRect()
  for (let box: HTMLElement | null = element; box; box = box.parentElement) {
    const clips = box === element || getComputedStyle(box).overflow !== 'visible'
    if (!clips) continue
    const edge = box.getBoundingClientRect()
    const inside =
      text.left >= edge.left - 1 &&
      text.right <= edge.right + 1 &&
      text.top >= edge.top - 1 &&
      text.bottom <= edge.bottom + 1
    await expect(inside, `the text of ${name} lies within ${describe(box)}`).toBe(true)
  }
  const last = element.lastChild
  if (last?.nodeType === Node.TEXT_NODE && last.textContent) {
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    const end = document.createRange()
    end.setStart(last, last.textContent.length - 1)
    end.setEnd(last, last.textContent.length)
    const box = end.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    await expect(
      hit !== null && element.contains(hit),
      `the last character of ${name} is on screen (found ${hit && describe(hit)})`,
    ).toBe(true)
  }
}

/** `element` is there for screen readers only: at most the 1 px box of a visually hidden text. */
export async function expectOffScreen(element: HTMLElement) {
  const box = element.getBoundingClientRect()
  await expect(
    box.width <= 1 && box.height <= 1,
    `${describe(element)} is ${box.width}×${box.height}, expected at most 1×1`,
  ).toBe(true)
}

const hiddenForScreenReaders = (element: Element) => {
  const box = element.getBoundingClientRect()
  return box.width <= 1 && box.height <= 1
}

/**
 * Nothing in `root` sticks out sideways: the page does not scroll horizontally, every box lies
 * within the viewport, and no box's content is wider than the box (a label running out of its
 * button). Boxes that clip (`overflow` other than visible) may hold wider content: that is their
 * job, e.g. a scrolling dialog.
 */
export async function expectNoHorizontalOverflow(root: HTMLElement) {
  const page = document.scrollingElement ?? document.documentElement
  const problems: string[] = []
  if (page.scrollWidth > page.clientWidth + 1) {
    problems.push(`the page scrolls sideways (${page.scrollWidth} > ${page.clientWidth})`)
  }
  const viewport = document.documentElement.clientWidth
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (hiddenForScreenReaders(element) || element.closest('svg, dialog:not([open])')) continue
    const box = element.getBoundingClientRect()
    if (box.left < -1 || box.right > viewport + 1) {
      problems.push(`${describe(element)} spans ${box.left}–${box.right} of 0–${viewport}`)
    }
    const style = getComputedStyle(element)
    if (
      style.overflowX === 'visible' &&
      element.clientWidth > 0 &&
      element.scrollWidth > element.clientWidth + 1
    ) {
      problems.push(
        `${describe(element)} content is ${element.scrollWidth} wide in ${element.clientWidth}`,
      )
    }
  }
  await expect(problems, 'horizontal overflow').toEqual([])
}

/**
 * In each styled button in `root`, the brand mark sits on the inline start of the label: on the
 * left in a left-to-right page, on the right in a right-to-left one, and the button's reading
 * direction is `dir`. Pending buttons (their spinner replaces the mark) are skipped.
 */
export async function expectMarksAtInlineStart(root: HTMLElement, dir: 'ltr' | 'rtl') {
  const buttons = [...root.querySelectorAll<HTMLElement>('.pyas-button')]
  await expect(buttons.length, 'styled buttons').toBeGreaterThan(0)
  let measured = 0
  for (const button of buttons) {
    await expect(getComputedStyle(button).direction, `${button.textContent} direction`).toBe(dir)
    const mark = button.querySelector('.pyas-button__icon')?.getBoundingClientRect()
    const label = button.querySelector('.pyas-button__label')?.getBoundingClientRect()
    if (!mark || !label || mark.width === 0) continue
    measured += 1
    const side = dir === 'rtl' ? mark.left >= label.right - 0.5 : mark.right <= label.left + 0.5
    await expect(
      side,
      `mark of “${button.textContent}” on the ${dir === 'rtl' ? 'right' : 'left'}`,
    ).toBe(true)
  }
  await expect(measured, 'buttons with a mark').toBeGreaterThan(0)
}

/**
 * The visible children of `container` follow the reading direction: of two on the same line, the
 * later one in the DOM is further right in a left-to-right page and further left in a
 * right-to-left one. A child that wrapped to a later line is compared only with its own line.
 */
export async function expectInlineOrder(container: HTMLElement, dir: 'ltr' | 'rtl') {
  const boxes = [...container.children]
    .map((child) => ({ child, box: child.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 1 && box.height > 1)
  const problems: string[] = []
  for (const [index, earlier] of boxes.entries()) {
    for (const later of boxes.slice(index + 1)) {
      const sameLine = later.box.top < earlier.box.bottom && earlier.box.top < later.box.bottom
      if (!sameLine) continue
      const inOrder =
        dir === 'rtl'
          ? later.box.right <= earlier.box.left + 0.5
          : later.box.left >= earlier.box.right - 0.5
      if (!inOrder)
        problems.push(`${describe(later.child)} is not after ${describe(earlier.child)}`)
    }
  }
  await expect(boxes.length, 'visible children').toBeGreaterThan(1)
  await expect(problems, `inline order (${dir})`).toEqual([])
}
