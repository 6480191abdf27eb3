import { type FormEvent, useId, useRef, useState } from 'react';
import {
  EVIDENCE_MAX_BYTES,
  evidenceAcceptAttribute,
  evidenceTypesDescription,
  formatFileSize,
} from '../../../domain/evidence';
import type { EvidenceView } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { uploadEvidenceFile } from './api';
import { formatDateTime } from './parts';
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
  if (evidence.length === 0) return <p className="muted">写真・資料はまだありません。</p>;
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
                <span className="visually-hidden">（写真を新しいタブで開く）</span>
              </a>
            ) : (
              <a className="evidence-list__file" href={item.url} download={item.fileName}>
                <span className="evidence-list__file-type" aria-hidden="true">
                  {item.fileName.split('.').at(-1)?.toUpperCase() ?? 'FILE'}
                </span>
                {item.fileName}
                <span className="visually-hidden">（ダウンロード、{formatFileSize(item.size)}）</span>
              </a>
            )}
            <figcaption>
              {item.caption && <span className="evidence-list__caption">{item.caption}</span>}
              <span className="cell-note">
                {item.kind === 'photo' && `${item.fileName}・`}
                {formatFileSize(item.size)}・{item.departmentName}
                {item.uploadedByName && `・${item.uploadedByName}`}・{formatDateTime(item.uploadedAt)}
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
              削除<span className="visually-hidden">（{item.caption ?? item.fileName}）</span>
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
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const upload = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError('登録するファイルを選んでください');
      return;
    }
    if (file.size > EVIDENCE_MAX_BYTES) {
      setError(`ファイルが大きすぎます（${formatFileSize(file.size)}）。10MB以下のファイルにしてください`);
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
      page.announce(`「${saved.evidence.fileName}」を登録しました`);
      setCaption('');
      if (fileInput.current) fileInput.current.value = '';
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : '登録できませんでした。もう一度お試しください。',
      );
    } finally {
      setPending(false);
    }
  };

  const remove = async (item: EvidenceView) => {
    if (
      !window.confirm(
        `「${item.caption ?? item.fileName}」を削除します。よろしいですか？（履歴には残ります）`,
      )
    )
      return;
    setPending(true);
    setError(null);
    try {
      const result = await sendJson<{ submission: typeof data.submission }>(
        'POST',
        `${page.basePath}/evidence/${encodeURIComponent(item.id)}/archive`,
      );
      page.removeEvidence(item.id);
      page.replaceSubmission(result.submission);
      page.announce(`「${item.fileName}」を削除しました`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : '削除できませんでした。');
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="evidence-editor">
      <h3>写真・資料</h3>
      <EvidenceList
        evidence={evidence}
        {...(page.editable && { onRemove: (item) => void remove(item), removing: pending })}
      />
      {page.editable && (
        <form
          className="evidence-form"
          aria-label={`「${title}」に写真・資料を登録`}
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
              ファイル
            </label>
            <p id={`${id}-hint`} className="field__hint">
              {evidenceTypesDescription}
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
              説明（任意）
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
              {pending ? '登録中…' : '登録する'}
              <span className="visually-hidden">（{title}の写真・資料）</span>
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
