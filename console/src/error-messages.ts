/**
 * What a person reads for each error code of the gateway (platform/errors.ts), zh-CN first; a test
 * checks that every registered code has both texts. NETWORK is the console's own: no answer came.
 */
export const ERROR_MESSAGES: Readonly<Record<string, { zh: string; en: string }>> = {
  UNAUTHENTICATED: { zh: '身份认证失败或已过期，请重新登录', en: 'Not signed in, or the sign-in expired; sign in again' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  PURPOSE_REQUIRED: { zh: '请选择使用用途（作为行政依据、工作参考、数据校核或业务协同）', en: 'Choose the purpose of use' },
  BAD_REQUEST: { zh: '请求格式不正确', en: 'The request is malformed' },
  BAD_USER_INPUT: { zh: '填写的内容不符合要求，请检查后重试', en: 'An entry is not valid; check and try again' },
  GRAPHQL_PARSE_FAILED: { zh: '查询语句有语法错误', en: 'The query has a syntax error' },
  GRAPHQL_VALIDATION_FAILED: { zh: '查询语句与目录中的信息项不符', en: 'The query does not match the schema' },
  OPERATION_TOO_COMPLEX: { zh: '查询超出平台限制（过深、过多字段或别名），未执行', en: 'The query exceeds a limit of the platform; nothing was run' },
  TOO_MANY_KEYS: { zh: '一次查询的对象过多，请分批查询', en: 'Too many residents or enterprises in one request' },
  TOO_MANY_SUBJECTS: { zh: '一次核验的对象过多，请分批核验', en: 'Too many subjects in one verification; split it' },
  RESPONSE_TOO_LARGE: { zh: '结果过大，请减少信息项或查询对象', en: 'The answer would be too large; select less' },
  OPERATION_RESOLUTION_FAILURE: { zh: '无法确定要执行的查询', en: 'The operation to run could not be determined' },
  PERSISTED_QUERY_NOT_FOUND: { zh: '平台尚未登记该查询，请发送完整查询', en: 'The persisted query is not known yet' },
  PERSISTED_QUERY_NOT_SUPPORTED: { zh: '不支持预存查询', en: 'Persisted queries are not supported' },
  FORBIDDEN_FIELD: { zh: '无权获取该信息项', en: 'This data item is not shared with your department for this purpose' },
  FORBIDDEN_ROW: { zh: '该记录不在本部门获准使用的范围内', en: 'This record is outside the rows your department may receive' },
  FORBIDDEN_OPERATION: { zh: '严格模式：查询包含无权获取的信息项，未执行', en: 'Strict mode: the query selects items you may not receive' },
  FORBIDDEN: { zh: '您的角色或部门无权进行此操作', en: 'Your role or department may not do this' },
  NOT_FOUND: { zh: '没有找到该记录，或本部门无权查看', en: 'No such record is visible to your department' },
  CONFLICT: { zh: '该记录的状态已变化，不能再进行此操作，请刷新', en: 'The record changed state; refresh' },
  AUDIT_UNAVAILABLE: { zh: '使用记录无法保存，未提供数据，请稍后再试', en: 'The request could not be audited; no data was served' },
  OVERLOADED: { zh: '平台当前负载过高，请求未执行，请稍后再试', en: 'The gateway is overloaded; nothing was executed; retry shortly' },
  PROVIDER_UNAVAILABLE: { zh: '提供部门暂时无法访问，相关信息项为空', en: 'A provider department could not be reached' },
  ROUTE_NOT_FOUND: { zh: '没有这个地址', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { zh: '该地址不接受此请求方式', en: 'This endpoint does not accept that method' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '提交内容须为 JSON', en: 'Send JSON' },
  HEADERS_TOO_LARGE: { zh: '请求头过大', en: 'The request headers are too large' },
  INTERNAL_SERVER_ERROR: { zh: '平台内部错误，已记录', en: 'Internal error; it was logged' },
  NETWORK: { zh: '无法连接共享平台，请检查网络', en: 'The platform could not be reached' },
};

export function errorMessage(code: string, language: 'zh' | 'en'): string {
  const entry = Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : undefined;
  return entry ? entry[language] : `${ERROR_MESSAGES['INTERNAL_SERVER_ERROR']![language]} (${code})`;
}
