import type { DiffSummary } from '../../protocol/dto';

/** Schema changes between the two versions, one line each ("Column x added", "Column z: int64 → float64"). */
export function schemaChanges(schema: DiffSummary['schema']): string[] {
  return [
    ...schema.added.map((f) => `Column ${f.name} added`),
    ...schema.dropped.map((f) => `Column ${f.name} dropped`),
    ...schema.typeChanged.map((c) => `Column ${c.name}: ${c.from} → ${c.to}`),
  ];
}

/** A banner, not an alert: the schema change is a fact about the versions, not an error to interrupt for. */
export function SchemaBanner({ schema }: { schema: DiffSummary['schema'] }) {
  if (schema.unchanged) return null;
  return (
    <div role="note" aria-label="Schema changes" className="diff-schema-banner">
      <span className="diff-schema-title">Schema changed</span>
      <ul className="diff-schema-list">
        {schemaChanges(schema).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
