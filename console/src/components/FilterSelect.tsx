/** A list filter: labelled (its placeholder is its accessible name too), clearable. */
import { Select } from 'antd';
import { DEPARTMENT_OPTIONS } from './DepartmentSelect.tsx';

export interface FilterSelectProps {
  label: string;
  width: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** Default: the district's departments. */
  options?: ReadonlyArray<{ value: string; label: string }>;
}

export default function FilterSelect({ label, width, value, onChange, options }: FilterSelectProps) {
  return (
    <Select
      aria-label={label}
      allowClear
      placeholder={label}
      style={{ width }}
      value={value}
      onChange={onChange}
      options={[...(options ?? DEPARTMENT_OPTIONS)]}
    />
  );
}
