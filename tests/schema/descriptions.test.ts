import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { buildCascadeSchema } from '../../src/app/schema';

/** Every member of the schema a client sees, as `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE`, with its description. */
function members(schema: GraphQLSchema): Array<{ name: string; description: string | null | undefined }> {
  const all: Array<{ name: string; description: string | null | undefined }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    all.push({ name: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        all.push({ name: `${type.name}.${field.name}`, description: field.description });
        for (const arg of 'args' in field ? field.args : []) all.push({ name: `${type.name}.${field.name}(${arg.name})`, description: arg.description });
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) all.push({ name: `${type.name}.${value.name}`, description: value.description });
  }
  return all;
}

describe('the schema explains itself', () => {
  it('describes every type, field, argument and enum value (100 %)', () => {
    const all = members(buildCascadeSchema());
    expect(all.length).toBeGreaterThan(400);
    expect(all.filter((m) => !m.description?.trim()).map((m) => m.name)).toEqual([]);
  });
});
