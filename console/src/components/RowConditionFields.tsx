/**
 * The row-condition picker of a grant form (the provider's approval, the policy dry run): records whose
 * attribute has one of some values, and/or only residents the consumer holds an open case for
 * (README "Data minimisation: masks and row conditions", 周政发〔2018〕6号 art. 13, 23). Renders form
 * items named as `RowConditionValues`; `rowConditionOf` turns them into the API's input.
 */
import { Checkbox, Form, Select } from 'antd';
import { useT } from '../i18n.tsx';

export interface RowConditionFieldsProps {
  /** Unconditional items of the resource a condition may test (field names); none: no attribute test offered. */
  attributes: readonly string[];
  /** Offer the open-case condition (the consumer's subgraph answers open cases, the items are a resident's). */
  openCase: boolean;
}

export default function RowConditionFields({ attributes, openCase }: RowConditionFieldsProps) {
  const t = useT();
  const form = Form.useFormInstance();
  const attribute = Form.useWatch('conditionAttribute', form) as string | undefined;
  return (
    <>
      {attributes.length > 0 && (
        <Form.Item name="conditionAttribute" label={t('限定记录范围：按信息项（可选）', 'Only records whose item (optional)')}>
          <Select allowClear placeholder={t('不限定', 'No row condition')} options={attributes.map((value) => ({ value, label: value }))} />
        </Form.Item>
      )}
      {attributes.length > 0 && attribute && (
        <Form.Item
          name="conditionValues"
          label={t('取值为下列之一（输入后按回车）', 'Has one of these values (Enter after each)')}
          rules={[
            { required: true, message: t('请至少填写一个取值', 'Give at least one value') },
            { type: 'array', max: 50, message: t('至多 50 个取值', 'At most 50 values') },
          ]}
        >
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
      )}
      {openCase && (
        <Form.Item
          name="openCase"
          valuePropName="checked"
          extra={t(
            '是否有在办案件由使用部门自身系统答复，仅用于判定，不随数据提供',
            "The consumer's own system answers; the answer only decides, it is never delivered",
          )}
        >
          <Checkbox>{t('仅限使用部门有在办案件的居民', 'Only residents the consumer has an open case for')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
