/**
 * A deadline's last day, marked 暂定 when it crosses a year whose holiday schedule is not known yet
 * (the API's `dueDateProvisional`, or a WEEKENDS_ONLY year of its working calendar): it moves when
 * the coordination office enters that year.
 */
import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n.tsx';

export interface DueDateProps {
  date: string | null | undefined;
  provisional?: boolean | null | undefined;
}

export default function DueDate({ date, provisional }: DueDateProps) {
  const t = useT();
  if (!date) return null;
  return (
    <span>
      {date}
      {provisional && (
        <Tooltip
          title={t(
            '期限跨越尚未公布节假日安排的年度，仅按周末计算；领导小组办公室录入该年度工作日历后重新计算',
            'The deadline crosses a year whose holidays are not known yet (weekends only); it is recounted when the office enters that year',
          )}
        >
          <Tag color="warning" style={{ marginInlineStart: 6 }} data-testid="provisional">
            {t('暂定', 'provisional')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
