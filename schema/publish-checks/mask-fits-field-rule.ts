/**
 * Mask fits field
 *
 * A subgraph is only published if every mask it declares names a purpose and a mask kind the platform
 * knows, and a kind whose masked values stay valid for the field's type (an address mask on a `String`,
 * an amount band on an `Int` or `Float`, a date mask on a `Date`): a masked answer is still an answer
 * of the field's type.
 * Serves 周政发〔2018〕6号 art. 23: personal data shared no further than the purpose needs.
 */
import { Kind, type ASTVisitor, type TypeNode } from 'graphql';
import { MASKS, maskFits } from '../../policies/masks/apply-mask.ts';
import { isMaskKind, isPurpose } from '../../policies/types.ts';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

export function maskFitsFieldRule(context: PublishCheckContext): ASTVisitor {
  return visitResourceFields((typeName, field) => {
    const coordinate = `${typeName}.${field.name.value}`;
    const valueType = namedType(field.type);
    for (const [purpose, kind] of Object.entries(context.effectiveShare(typeName, field)?.masks ?? {})) {
      if (!isPurpose(purpose)) {
        context.report(coordinate, `declares a mask for "${purpose}", which is not a purpose of use`);
      } else if (!isMaskKind(kind)) {
        context.report(coordinate, `declares a mask for ${purpose} that is not a mask kind`);
      } else if (!maskFits(kind, valueType)) {
        context.report(coordinate, `is ${valueType}, which the mask ${kind} does not fit (it fits ${MASKS[kind].fits.join(', ')})`);
      }
    }
  });
}
