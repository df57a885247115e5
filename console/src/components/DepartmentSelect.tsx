/** A select list of the district's departments: each by its name, valued by its code. */
import { Select, type SelectProps } from 'antd';
import { DEPARTMENTS } from '../i18n.tsx';

/** The district's departments as select options, in the registry's order. */
export const DEPARTMENT_OPTIONS: ReadonlyArray<{ value: string; label: string }> = DEPARTMENTS.map((department) => ({
  value: department.code,
  label: department.name,
}));

export interface DepartmentSelectProps extends Omit<SelectProps<string>, 'options'> {
  /** A department left out of the list (a consumer never picks its own); default: none. */
  except?: string | undefined;
}

/** Takes every other Select property (a form item's value and onChange included) as Ant Design's Select does. */
export default function DepartmentSelect({ except, ...props }: DepartmentSelectProps) {
  return <Select<string> {...props} options={DEPARTMENT_OPTIONS.filter((option) => option.value !== except)} />;
}
