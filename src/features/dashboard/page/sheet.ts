import type { ApiFact, ApiProjectSheet } from '../api';
import { failureText, type ApiClient } from './client';
import { h, replace } from './dom';
import { lightMark } from './parts';
import type { Texts } from './texts';

/**
 * A project's fact sheet in a modal `<dialog>`: the browser moves focus into it, keeps it there and closes it on
 * Escape; closing returns focus to the button that opened it.
 */
export class FactSheet {
  private readonly dialog: HTMLDialogElement;
  private readonly body: HTMLElement;
  private opener: HTMLElement | undefined;
  /** The latest request: an answer to an earlier one (a quick second click) is dropped. */
  private request = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly texts: Texts,
  ) {
    this.body = h('div', { class: 'sheet-body' });
    const close = h('button', { type: 'button', class: 'close' }, texts.t('sheetClose'));
    close.addEventListener('click', () => this.dialog.close());
    this.dialog = h('dialog', { class: 'sheet', 'aria-labelledby': 'sheet-title' }, h('div', { class: 'sheet-bar' }, close), this.body);
    this.dialog.addEventListener('close', () => this.opener?.focus());
    // A click on the backdrop (outside the dialog's box) closes it, as people expect of a sheet.
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
    document.body.append(this.dialog);
  }

  async open(id: string, opener: HTMLElement): Promise<void> {
    this.opener = opener;
    const request = ++this.request;
    replace(this.body, h('h2', { id: 'sheet-title' }, opener.dataset.title ?? ''), h('p', { role: 'status' }, this.texts.t('sheetLoading')));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const sheet = await this.api.get<ApiProjectSheet>(`/api/tab/projects/${encodeURIComponent(id)}`);
      if (request === this.request) replace(this.body, ...this.render(sheet));
    } catch (error) {
      if (request === this.request) replace(this.body, h('h2', { id: 'sheet-title' }, opener.dataset.title ?? ''), h('p', { role: 'alert', class: 'error' }, this.texts.t(failureText(error))));
    }
  }

  private render(sheet: ApiProjectSheet): Node[] {
    const { project } = sheet;
    const t = (key: string, params?: Record<string, string | number>) => this.texts.t(key, params);
    const none = t('none');
    const meta: ApiFact[] = [
      { label: t('sheetLead'), value: project.lead },
      { label: t('sheetParticipants'), value: project.participants.join(', ') || none },
      { label: t('sheetField'), value: project.field },
      { label: t('sheetPhase'), value: project.phaseLabel },
      { label: t('sheetOwner'), value: project.owner ?? none },
      { label: t('sheetDeputy'), value: project.deputy ?? none },
      ...(project.progress === undefined ? [] : [{ label: t('sheetProgress'), value: t('percent', { percent: project.progress }) }]),
    ];
    const history = [...sheet.history].sort((a, b) => b.at.localeCompare(a.at));
    return [
      h('h2', { id: 'sheet-title' }, project.title),
      h('p', { class: 'sheet-light' }, lightMark(project.light, project.lightLabel), project.statusAt ? h('span', { class: 'muted' }, ` · ${this.texts.date(project.statusAt, true)}`) : null),
      facts(meta),
      sheet.summary ? [h('h3', {}, t('sheetSummary')), h('p', {}, sheet.summary)] : null,
      sheet.facts.length > 0 ? [h('h3', {}, t('sheetFacts')), facts(sheet.facts)] : null,
      h('h3', {}, t('sheetHistory')),
      history.length === 0
        ? h('p', {}, t('sheetNoHistory'))
        : h(
            'ol',
            { class: 'history' },
            history.map((entry) =>
              h(
                'li',
                { 'data-light': entry.light },
                h(
                  'p',
                  { class: 'history-head' },
                  h('time', { datetime: entry.at }, this.texts.date(entry.at, true)),
                  ' ',
                  lightMark(entry.light, entry.lightLabel),
                  ` · ${entry.phaseLabel}`,
                  entry.progress === undefined ? '' : ` · ${t('percent', { percent: entry.progress })}`,
                  entry.author ? h('span', { class: 'muted' }, ` · ${t('sheetBy', { name: entry.author })}`) : null,
                ),
                entry.texts.length > 0 ? facts(entry.texts) : null,
              ),
            ),
          ),
    ].flat().filter((node): node is HTMLElement => node !== null);
  }
}

/** Labelled lines as a description list. */
function facts(lines: readonly ApiFact[]): HTMLElement {
  return h('dl', { class: 'facts' }, lines.map((line) => [h('dt', {}, line.label), h('dd', {}, line.value)]));
}
