/**
 * 目录审核 (周政发〔2018〕6号 art. 8–9): the items a publication brought in or changed, waiting for the
 * operator's review; due the profile's working days (art. 8: 15) after publication or the change, overdue in red. A review
 * confirms the declaration or overrides its descriptive elements, with a reason; the share type and
 * basis always stay the provider's.
 */
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { gql } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { CatalogReviewQuery } from '../../gql/graphql.ts';
import { departmentName, SHARE_TYPES, UPDATE_CYCLES } from '../../i18n.tsx';
import DueDate from '../../components/DueDate.tsx';
import { useRegulationProfile } from '../../use-deadlines.ts';
import { useLoad, usePage } from '../../use-load.ts';

const REVIEW_QUERY = graphql(`
  query CatalogReview {
    catalog {
      coordinate
      provider
      shareType
      abstract
      classification
      updateCycle
      shareCondition
      publishedOn
      changedOn
      reviewStatus
      reviewDueDate
      reviewDueDateProvisional
      reviewOverdue
    }
  }
`);

const REVIEW = graphql(`
  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {
    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {
      coordinate
      reviewStatus
    }
  }
`);

type ReviewItem = CatalogReviewQuery['catalog'][number];

const CLASSIFICATIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  BASE: { zh: '基础信息资源', en: 'Base' },
  THEMATIC: { zh: '主题信息资源', en: 'Thematic' },
  DEPARTMENTAL: { zh: '部门信息资源', en: 'Departmental' },
};

type Override = { abstract?: string; classification?: string; updateCycle?: string; shareCondition?: string; reason: string };

export default function CatalogReview() {
  const { t, language, report, success } = usePage();
  const items = useLoad(() =>
    gql(REVIEW_QUERY).then((answer) =>
      answer.catalog.filter((item) => item.reviewStatus === 'PENDING_REVIEW').sort((a, b) => (a.reviewDueDate ?? '').localeCompare(b.reviewDueDate ?? '')),
    ),
  );
  const [reviewing, setReviewing] = useState<ReviewItem>();
  const reviewDays = useRegulationProfile().data?.catalogReviewWorkingDays;
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Override>();

  const submit = async () => {
    const values = await form.validateFields();
    const item = reviewing!;
    // Only what changed is an override; an unchanged form confirms the declaration as published.
    const override = Object.fromEntries(
      (['abstract', 'classification', 'updateCycle', 'shareCondition'] as const)
        .filter((key) => values[key] !== undefined && (values[key] ?? '') !== (item[key] ?? ''))
        .map((key) => [key, values[key]]),
    );
    setBusy(true);
    try {
      await gql(REVIEW, { coordinate: item.coordinate, override, reason: values.reason.trim() });
      success(t('已审核', 'Reviewed'));
      setReviewing(undefined);
      items.reload();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Table<ReviewItem>
        rowKey="coordinate"
        size="small"
        loading={items.loading}
        dataSource={items.data ?? []}
        locale={{ emptyText: t('没有待审核的目录信息项', 'Nothing waits for review') }}
        columns={[
          { title: t('信息项', 'Data item'), dataIndex: 'coordinate' },
          { title: t('提供部门', 'Provider'), dataIndex: 'provider', render: departmentName },
          {
            title: t('共享类型', 'Share type'),
            dataIndex: 'shareType',
            render: (value: string) => <Tag color={SHARE_TYPES[value]?.color}>{SHARE_TYPES[value]?.[language] ?? value}</Tag>,
          },
          { title: t('发布 / 变更日期', 'Published / changed'), render: (_v, item) => item.changedOn ?? item.publishedOn },
          {
            title: reviewDays ? t(`审核期限（${reviewDays} 个工作日）`, `Review due (${reviewDays} working days)`) : t('审核期限', 'Review due'),
            dataIndex: 'reviewDueDate',
            render: (due: string | null, item) => (
              <Typography.Text type={item.reviewOverdue ? 'danger' : undefined} strong={item.reviewOverdue}>
                <DueDate date={due} provisional={item.reviewDueDateProvisional} />
                {item.reviewOverdue && ` ${t('已超期', 'overdue')}`}
              </Typography.Text>
            ),
          },
          {
            title: t('操作', 'Action'),
            render: (_v, item) => (
              <Button size="small" type="primary" onClick={() => setReviewing(item)} aria-label={`${t('审核', 'Review')} ${item.coordinate}`}>
                {t('审核', 'Review')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!reviewing}
        title={`${t('审核目录信息项', 'Review the catalog item')} ${reviewing?.coordinate ?? ''}`}
        onCancel={() => setReviewing(undefined)}
        onOk={submit}
        confirmLoading={busy}
        okText={t('确认审核', 'Confirm')}
        destroyOnHidden
      >
        {reviewing && (
          <Form
            form={form}
            layout="vertical"
            name="catalog-review"
            initialValues={{
              abstract: reviewing.abstract ?? undefined,
              classification: reviewing.classification,
              updateCycle: reviewing.updateCycle,
              shareCondition: reviewing.shareCondition ?? undefined,
            }}
          >
            <Form.Item name="abstract" label={t('摘要', 'Abstract')} rules={[{ max: 2000 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="classification" label={t('资源分类', 'Classification')}>
              <Select options={Object.entries(CLASSIFICATIONS).map(([value, name]) => ({ value, label: name[language] }))} />
            </Form.Item>
            <Form.Item name="updateCycle" label={t('更新周期', 'Update cycle')}>
              <Select options={Object.entries(UPDATE_CYCLES).map(([value, name]) => ({ value, label: name[language] }))} />
            </Form.Item>
            <Form.Item name="shareCondition" label={t('共享条件', 'Share condition')} rules={[{ max: 2000 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('审核意见（理由）', 'Reason')}
              rules={[
                { required: true, whitespace: true, message: t('必填', 'Required') },
                { max: 2000, message: t('不超过 2000 个字', 'At most 2000 characters') },
              ]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
