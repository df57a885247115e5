import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../platform/errors.ts';
import { ERROR_MESSAGES, errorMessage } from './error-messages.ts';

describe('console error messages', () => {
  it('when the gateway registers an error code, then the console has a zh-CN and an English text for it, and no text for a code that does not exist', () => {
    const registered = Object.keys(ERROR_CODES).sort();
    const translated = Object.keys(ERROR_MESSAGES)
      .filter((code) => code !== 'NETWORK')
      .sort();
    expect(translated).toEqual(registered);
    for (const code of registered) {
      expect(ERROR_MESSAGES[code]!.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_MESSAGES[code]!.en.length).toBeGreaterThan(5);
    }
  });

  it('when a code is unknown or inherited from Object, then the text is the internal-error one with the code', () => {
    expect(errorMessage('__proto__', 'zh')).toContain('平台内部错误');
    expect(errorMessage('NO_SUCH_CODE', 'en')).toContain('NO_SUCH_CODE');
  });
});
