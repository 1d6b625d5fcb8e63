import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { MailKind } from './kinds';
import { translate, type Locale } from '../web/i18n';
import { helpers as viewHelpers } from '../web/views';
import { loadConfig } from '../config';
import { fromRoot } from '../paths';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface ComposerOptions {
  /** where <kind>.html.hbs, <kind>.text.hbs and the two layouts are */
  viewsDir: string;
  /** BASE_URL without a trailing slash: every link in a message is absolute */
  baseUrl: string;
  /** the region's time zone, for dates in messages */
  timeZone: string;
}

type Compose = (kind: MailKind, language: Locale, data: Record<string, unknown>) => MailContent;

/**
 * A composer over one folder of templates. HTML templates escape what they insert (a name is never markup);
 * plain-text templates insert it as it is. Templates are compiled once and kept.
 */
export function createMailComposer(options: ComposerOptions): Compose {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const html = Handlebars.create();
  const text = Handlebars.create();
  const link = (...args: unknown[]) => {
    const target = args.slice(0, -1).map((a) => String(a ?? '')).join('');
    return /^https?:\/\//.test(target) ? target : `${baseUrl}${target.startsWith('/') ? '' : '/'}${target}`;
  };
  for (const hb of [html, text]) {
    hb.registerHelper(viewHelpers as unknown as Record<string, Handlebars.HelperDelegate>);
    hb.registerHelper('link', link);
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const template = (name: string, format: 'html' | 'text') => {
    const file = path.join(options.viewsDir, `${name}.${format}.hbs`);
    let t = compiled.get(file);
    if (!t) {
      t = (format === 'html' ? html : text).compile(fs.readFileSync(file, 'utf8'), { noEscape: format === 'text', strict: false });
      compiled.set(file, t);
    }
    return t;
  };
  return (kind, language, data) => {
    const subject = translate(language, `mail.${kind}.subject`, data);
    // the view helpers read the language and time zone from the root context, as on the pages
    const context = { ...data, baseUrl, locale: language, timeZone: options.timeZone, subject, kind };
    const render = (format: 'html' | 'text') => {
      const body = template(kind, format)(context);
      return template('layout', format)({ ...context, body });
    };
    return { subject, html: render('html'), text: tidyText(render('text')) };
  };
}

/** Templates leave blank lines where a block was skipped; a letter keeps at most one in a row. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

let appComposer: Compose | undefined;

/**
 * Renders views/mail/<kind>.html.hbs (inside views/mail/layout.html.hbs) and views/mail/<kind>.text.hbs
 * (inside views/mail/layout.text.hbs) in `language`; the subject is translate(language, `mail.<kind>.subject`, data).
 * Templates get `data` plus `baseUrl` (config BASE_URL, no trailing slash) and can use {{t "key" name=value}}
 * in the recipient's language, and {{link "/path"}} which gives the absolute URL.
 */
export function composeMail(kind: MailKind, language: Locale, data: Record<string, unknown>): MailContent {
  if (!appComposer) {
    const config = loadConfig();
    appComposer = createMailComposer({ viewsDir: fromRoot('views', 'mail'), baseUrl: config.baseUrl, timeZone: config.regionTz });
  }
  return appComposer(kind, language, data);
}
