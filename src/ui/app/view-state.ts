/**
 * Which table is open and which version of each table is shown. A table without a pin shows its head, and keeps
 * showing the head as new versions land (from this tab or another). Choosing a tag pins every table it holds.
 */
import type { TagInfo } from '../../protocol/dto';

export interface ViewState {
  readonly tableId: string | null;
  readonly pins: Readonly<Record<string, number>>;
  /** The tag being viewed, with the versions it pinned; cleared as soon as a pin moves away from it. */
  readonly tag: { readonly name: string; readonly pins: Readonly<Record<string, number>> } | null;
}

export type ViewAction =
  | { readonly type: 'select'; readonly tableId: string }
  | { readonly type: 'show'; readonly tableId: string; readonly version: number; readonly head: number }
  | { readonly type: 'showHead'; readonly tableId: string }
  | { readonly type: 'viewTag'; readonly tag: TagInfo }
  | { readonly type: 'leaveTag' };

export const INITIAL_VIEW: ViewState = { tableId: null, pins: {}, tag: null };

function unpin(pins: Readonly<Record<string, number>>, tableId: string): Record<string, number> {
  const next = { ...pins };
  delete next[tableId];
  return next;
}

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'select':
      return state.tableId === action.tableId ? state : { ...state, tableId: action.tableId };
    case 'show': {
      const { tableId, version, head } = action;
      const pins = version === head ? unpin(state.pins, tableId) : { ...state.pins, [tableId]: version };
      const tag = state.tag && state.tag.pins[tableId] === version ? state.tag : null;
      return { ...state, pins, tag };
    }
    case 'showHead':
      return { ...state, tableId: action.tableId, pins: unpin(state.pins, action.tableId), tag: null };
    case 'viewTag': {
      const pins = Object.fromEntries(action.tag.entries.map((e) => [e.tableId, e.version]));
      const holdsOpen = state.tableId !== null && state.tableId in pins;
      return {
        tableId: holdsOpen ? state.tableId : (action.tag.entries[0]?.tableId ?? state.tableId),
        pins,
        tag: { name: action.tag.name, pins },
      };
    }
    case 'leaveTag':
      return { ...state, pins: {}, tag: null };
  }
}
