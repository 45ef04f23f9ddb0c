import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders into a fresh container attached to the jsdom document. */
export function render(node: ReactNode): { container: HTMLElement; root: Root; unmount(): void } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return {
    container,
    root,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export const byTestId = (root: ParentNode, id: string): HTMLElement | null =>
  root.querySelector(`[data-testid="${id}"]`);

export function mustGet(root: ParentNode, id: string): HTMLElement {
  const el = byTestId(root, id);
  if (el === null) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

/** Sets an input's or select's value the way React notices (its value setter is patched). */
export function typeInto(el: HTMLElement, value: string): void {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  act(() => {
    setter?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export function click(el: HTMLElement): void {
  act(() => el.click());
}
