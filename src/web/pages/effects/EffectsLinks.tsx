import { Link } from '@tanstack/react-router';
import { useEffectsText } from './shared';

/** Links from a municipality's plans to its effects and its organisation. */
export function EffectsLinks({ municipalityId, name = '' }: { municipalityId: string; name?: string }) {
  const { t } = useEffectsText();
  return (
    <nav aria-label={t('links.label', { name }).trim()} className="effects-links">
      <ul className="inline-list">
        <li>
          <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
            {t('links.effects')}
          </Link>
        </li>
        <li>
          <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
            {t('links.organisation')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
