/** A list filter: labelled (its placeholder is its accessible name too), clearable. */
import { Select } from 'antd';
import { DEPARTMENTS } from '../i18n.tsx';

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
      options={[...(options ?? DEPARTMENTS.map((department) => ({ value: department.code, label: department.name })))]}
    />
  );
}
