// The server's refusals in the interface's language: every code the API has is said in Chinese and English from its
// parameters; a code not known, or no code, shows the server's sentence.
import { API_CODES, ApiCode, errorAnswer } from '../../shared/contracts/api';
import { MESSAGES, errorText } from '../../web/src/parts/error-text';

/** A failed call as web/src/api.ts throws it (an ApiError: status, sentence and body). */
const refused = (status: number, body: unknown) => Object.assign(new Error('the sentence'), { status, body });

describe('errorText', () => {
  it('has a Chinese and an English text for every code, made only of the parameters the code has', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(Object.keys(API_CODES).sort());
    for (const [code, said] of Object.entries(MESSAGES)) {
      const params: readonly string[] = API_CODES[code as ApiCode].params;
      for (const text of [said.zh, said.en]) {
        const used = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== 'error');
        expect({ code, unknown: used.filter((p) => !params.includes(p)) }).toEqual({ code, unknown: [] });
      }
      // Chinese throughout, but for names of formats and schemes.
      const latin = said.zh.replace(/\{\w+\}|PDF|MB|KB|JSON|Token|HTTP Basic/g, '').match(/[A-Za-z]{2,}/g);
      expect({ code, latin }).toEqual({ code, latin: null });
    }
  });

  it('says a refusal in either language with its parameters filled in', () => {
    const pages = errorAnswer('too-many-pages', 'the PDF has 2000 pages; at most 500 are accepted (MAX_PAGES)', {
      pages: 2000,
      limit: 500,
    });
    expect(errorText(pages, 'zh')).toBe('此 PDF 有 2000 页，最多接受 500 页。');
    expect(errorText(pages, 'en')).toBe('The PDF has 2000 pages; at most 500 are accepted.');
    const notPdf = refused(415, errorAnswer('not-pdf', 'the file is not a PDF (no %PDF- header)'));
    expect(errorText(notPdf, 'zh')).toBe('这不是 PDF 文件。');
    expect(errorText(notPdf, 'en')).toBe('The file is not a PDF.');
  });

  it('says the words of the API among the parameters in the language too: roles, permissions, statuses', () => {
    const forbidden = refused(
      403,
      errorAnswer('forbidden', 'archie may not review (roles: archivist, reader)', {
        username: 'archie',
        permission: 'review',
        roles: 'archivist, reader',
      }),
    );
    expect(errorText(forbidden, 'zh')).toBe('你的角色不能进行此操作：archie（档案员、读者）没有“审核”的权限。');
    expect(errorText(forbidden, 'en')).toBe('Your role may not do this: archie (archivist, reader) may not review.');
    const notReady = errorAnswer('report-not-ready', 'the report is not ready: the document abc is queued', {
      documentId: 'abc',
      status: 'queued',
    });
    expect(errorText(notReady, 'zh')).toBe('报告尚未生成：文档状态为“排队中”。');
    expect(errorText(notReady, 'en')).toBe('The report is not ready: the document is queued.');
    const away = errorAnswer('dependency-unavailable', 'the database is not reachable just now', {
      dependency: 'database',
    });
    expect(errorText(away, 'zh')).toMatch(/^数据库暂时不可用/);
    // A time as the person reads it: hours and minutes, never the ISO form.
    const held = errorAnswer('claim-held', 'rita is reviewing the document abc', {
      documentId: 'abc',
      reviewer: 'rita',
      expiresAt: '2026-11-30T08:05:00.000Z',
    });
    expect(errorText(held, 'zh')).toMatch(/^rita 正在审核此文档（至少到 \d\d:\d\d）。$/);
    expect(errorText(held, 'en')).toMatch(/^rita is reviewing this document \(until \d\d:\d\d at least\)\.$/);
  });

  it("shows the server's sentence for a code it does not know, or an answer without one", () => {
    const newer = { error: 'a refusal this build has no words for', code: 'from-a-newer-server', params: {} };
    expect(errorText(newer, 'zh')).toBe('a refusal this build has no words for');
    expect(errorText(refused(502, { error: 'bad gateway' }), 'zh')).toBe('bad gateway');
    expect(errorText(refused(502, undefined), 'en')).toBe('the sentence');
    // A parameter missing is left out, never shown as its placeholder.
    expect(errorText({ code: 'too-many-pages', error: 'x', params: {} }, 'en')).not.toMatch(/\{|\}/);
  });

  it('says a lost connection in the language, and other failures as their message', () => {
    expect(errorText(new TypeError('Failed to fetch'), 'zh')).toBe('与服务器的连接中断：请检查网络后再试。');
    expect(errorText(new Error('the connection was lost'), 'en')).toMatch(/^The connection to the server was lost/);
    expect(errorText(new Error('something else'), 'zh')).toBe('something else');
    expect(errorText('plain', 'en')).toBe('plain');
  });
});
