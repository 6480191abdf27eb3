import { type FormEvent, useId, useRef, useState } from 'react';
import { EVIDENCE_MAX_BYTES, evidenceAcceptAttribute, formatFileSize } from '../../../domain/evidence';
import type { EvidenceView } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { uploadEvidenceFile } from './api';
import { useRoundsText } from './parts';
import { useProgressPage } from './progress-context';

/** Photos (thumbnails) and files of the work, as a list of figures and links. */
export function EvidenceList({
  evidence,
  onRemove,
  removing,
}: {
  evidence: EvidenceView[];
  onRemove?: (item: EvidenceView) => void;
  removing?: boolean;
}) {
  const { t, dateTime } = useRoundsText();
  if (evidence.length === 0) return <p className="muted">{t('evidence.none')}</p>;
  const separator = t('common.metaSeparator');
  return (
    <ul className="evidence-list">
      {evidence.map((item) => (
        <li key={item.id} className="evidence-list__item">
          <figure>
            {item.kind === 'photo' ? (
              <a href={item.url} target="_blank" rel="noopener">
                <img
                  className="evidence-list__thumbnail"
                  src={item.url}
                  alt={item.caption ?? item.fileName}
                  loading="lazy"
                  width={160}
                  height={120}
                />
                <span className="visually-hidden">{t('evidence.openPhoto')}</span>
              </a>
            ) : (
              <a className="evidence-list__file" href={item.url} download={item.fileName}>
                <span className="evidence-list__file-type" aria-hidden="true">
                  {item.fileName.split('.').at(-1)?.toUpperCase() ?? 'FILE'}
                </span>
                {item.fileName}
                <span className="visually-hidden">
                  {t('evidence.download', { size: formatFileSize(item.size) })}
                </span>
              </a>
            )}
            <figcaption>
              {item.caption && (
                <span className="evidence-list__caption">
                  <PlanText>{item.caption}</PlanText>
                </span>
              )}
              <span className="cell-note">
                {item.kind === 'photo' && `${item.fileName}${separator}`}
                {formatFileSize(item.size)}
                {separator}
                <PlanText>{item.departmentName}</PlanText>
                {item.uploadedByName && (
                  <>
                    {separator}
                    <PlanText>{item.uploadedByName}</PlanText>
                  </>
                )}
                {separator}
                {dateTime(item.uploadedAt)}
              </span>
            </figcaption>
          </figure>
          {onRemove && (
            <button
              type="button"
              className="button button--small button--danger"
              disabled={removing}
              onClick={() => onRemove(item)}
            >
              {t('common.delete')}
              <span className="visually-hidden">
                {fillNodes(t('common.forItem'), {
                  name: <PlanText>{item.caption ?? item.fileName}</PlanText>,
                })}
              </span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The department's evidence on an action: what is there, and a form to add a photo or file. */
export function EvidenceEditor({
  actionKey,
  actionId,
  title,
  evidence,
}: {
  actionKey: string;
  actionId: string;
  title: string;
  evidence: EvidenceView[];
}) {
  const page = useProgressPage();
  const { data } = page;
  const { t } = useRoundsText();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const upload = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(t('evidence.chooseFile'));
      return;
    }
    if (file.size > EVIDENCE_MAX_BYTES) {
      setError(t('evidence.tooLarge', { size: formatFileSize(file.size) }));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const saved = await uploadEvidenceFile({
        planId: data.plan.id,
        roundId: data.round.id,
        departmentId: data.department.id,
        actionKey,
        file,
        caption,
      });
      page.addEvidence(actionId, saved.evidence);
      page.replaceSubmission(saved.submission);
      page.announce(t('evidence.added', { name: saved.evidence.fileName }));
      setCaption('');
      if (fileInput.current) fileInput.current.value = '';
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('evidence.uploadFailed'));
    } finally {
      setPending(false);
    }
  };

  const remove = async (item: EvidenceView) => {
    if (!window.confirm(t('evidence.confirmDelete', { name: item.caption ?? item.fileName }))) return;
    setPending(true);
    setError(null);
    try {
      const result = await sendJson<{ submission: typeof data.submission }>(
        'POST',
        `${page.basePath}/evidence/${encodeURIComponent(item.id)}/archive`,
      );
      page.removeEvidence(item.id);
      page.replaceSubmission(result.submission);
      page.announce(t('evidence.deleted', { name: item.fileName }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('evidence.deleteFailed'));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="evidence-editor">
      <h3>{t('evidence.heading')}</h3>
      <EvidenceList
        evidence={evidence}
        {...(page.editable && { onRemove: (item) => void remove(item), removing: pending })}
      />
      {page.editable && (
        <form
          className="evidence-form"
          aria-label={t('evidence.formLabel', { title })}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void upload();
          }}
        >
          {error && (
            <div className="form-error" role="alert">
              <p>{error}</p>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-file`} className="field__label">
              {t('evidence.file')}
            </label>
            <p id={`${id}-hint`} className="field__hint">
              {t('evidence.types')}
            </p>
            <input
              ref={fileInput}
              id={`${id}-file`}
              className="field__input"
              type="file"
              accept={evidenceAcceptAttribute}
              aria-describedby={`${id}-hint`}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-caption`} className="field__label">
              {t('evidence.caption')}
            </label>
            <input
              id={`${id}-caption`}
              className="field__input"
              type="text"
              maxLength={200}
              value={caption}
              onChange={(event) => setCaption(event.target.value)}
            />
          </div>
          <div className="evidence-form__submit">
            <button type="submit" className="button button--small" disabled={pending}>
              {pending ? t('evidence.uploading') : t('evidence.upload')}
              <span className="visually-hidden">
                {fillNodes(t('evidence.uploadFor'), { title: <PlanText>{title}</PlanText> })}
              </span>
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
