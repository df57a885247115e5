/**
 * Interface documentation of one department (周政发〔2018〕6号 art. 20): every data item it provides,
 * with its description, GraphQL type, share type, basis or condition, update cycle, and an example
 * query that reaches it through the gateway, as Markdown.
 */
import { buildASTSchema, getNamedType, isObjectType, isInterfaceType, parse, type GraphQLField, type GraphQLSchema } from 'graphql';

export interface DocumentedItem {
  coordinate: string;
  typeName: string;
  fieldName: string;
  description: string | null;
  shareType: string;
  basis: string | null;
  condition: string | null;
  updateCycle: string;
  reviewStatus: string;
}

const cell = (text: string | null | undefined) => (text ?? '—').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(parse(supergraphSdl), { assumeValid: true, assumeValidSDL: true });
}

/** A root field returning the type (directly or in a list), to show how the item is reached. */
function rootFieldFor(schema: GraphQLSchema, typeName: string): GraphQLField<unknown, unknown> | undefined {
  return Object.values(schema.getQueryType()?.getFields() ?? {}).find((field) => getNamedType(field.type).name === typeName);
}

function exampleQuery(schema: GraphQLSchema, typeName: string, fields: readonly string[]): string {
  const root = typeName === 'Query' ? undefined : rootFieldFor(schema, typeName);
  const selection = fields.map((field) => {
    const type = schema.getType(typeName);
    const named = isObjectType(type) || isInterfaceType(type) ? type.getFields()[field] : undefined;
    const inner = named ? getNamedType(named.type) : undefined;
    const leaf = inner && (isObjectType(inner) || isInterfaceType(inner)) ? ` { ${Object.keys(inner.getFields())[0]} }` : '';
    const args = named?.args.length ? `(${named.args.map((a) => `${a.name}: "…"`).join(', ')})` : '';
    return `${field}${args}${leaf}`;
  });
  if (typeName === 'Query') return `{ ${selection.join(' ')} }`;
  if (!root) return `# ${typeName} is reached through another department's field`;
  const args = root.args.length ? `(${root.args.map((a) => `${a.name}: "…"`).join(', ')})` : '';
  return `{ ${root.name}${args} { ${selection.join(' ')} } }`;
}

export function renderInterfaceDocs(
  department: { code: string; name: string },
  items: readonly DocumentedItem[],
  supergraphSdl: string,
  today: string,
): string {
  const schema = apiSchemaOf(supergraphSdl);
  const byType = new Map<string, DocumentedItem[]>();
  for (const item of items) byType.set(item.typeName, [...(byType.get(item.typeName) ?? []), item]);
  const lines = [
    `# ${department.name} (${department.code}): interface documentation`,
    '',
    `Generated from the district catalog on ${today} (周政发〔2018〕6号 art. 20). Every item is queried through the gateway's \`/graphql\` with a department token and the \`X-Share-Purpose\` header; CONDITIONAL items need a grant (\`requestAccess\`), NONE items are not shared.`,
    '',
  ];
  if (items.length === 0) lines.push('This department provides no data items yet.', '');
  for (const [typeName, typeItems] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const type = schema.getType(typeName);
    const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
    lines.push(
      `## ${typeName}`,
      '',
      '| item | description | type | share type | basis or condition | update cycle | catalog |',
      '|---|---|---|---|---|---|---|',
    );
    for (const item of typeItems) {
      const fieldType = fields[item.fieldName]?.type.toString();
      lines.push(
        `| \`${item.coordinate}\` | ${cell(item.description)} | \`${fieldType ?? '—'}\` | ${item.shareType} | ${cell(item.basis ?? item.condition)} | ${item.updateCycle} | ${item.reviewStatus} |`,
      );
    }
    const sample = typeItems.filter((item) => fields[item.fieldName]).slice(0, 3);
    lines.push(
      '',
      'Example:',
      '',
      '```graphql',
      exampleQuery(
        schema,
        typeName,
        sample.map((item) => item.fieldName),
      ),
      '```',
      '',
    );
  }
  return lines.join('\n');
}
