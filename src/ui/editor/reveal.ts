/**
 * A tiny bridge from the slice panel to the lazily loaded editor: clicking an error's line moves the
 * editor's cursor there. Kept apart from SfEditor so the panel does not import Monaco.
 */
let reveal: ((line: number) => void) | null = null;

export function setEditorReveal(fn: ((line: number) => void) | null): void {
  reveal = fn;
}

/** Moves the editor to a 1-based line; does nothing while the editor is not mounted. */
export function revealInEditor(line: number): void {
  reveal?.(line);
}
