import { Kind, parse } from 'graphql';

/**
 * The operation name to send with `query`, the text the tab holds when Run is pressed. GraphiQL
 * re-reads a tab's operations 100 ms after an edit (a debounce), but reads the text at once: Run
 * pressed sooner sent the new text with the previous text's operation name ("Unknown operation
 * named …"). Its name stands when `query` still has that operation; otherwise the text's first
 * operation runs, as GraphiQL itself picks once it has caught up.
 */
export function operationNameFor(query: string, operationName: string | null | undefined): string | undefined {
  let names: Array<string | undefined>;
  try {
    names = parse(query).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value] : []));
  } catch {
    // Text that does not parse goes as it is: the server says what is wrong with it.
    return operationName ?? undefined;
  }
  if (operationName && names.includes(operationName)) return operationName;
  return names[0];
}
