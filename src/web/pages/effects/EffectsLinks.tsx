import { Link } from '@tanstack/react-router';

/** Links from a municipality's plans to its effects and its organisation. */
export function EffectsLinks({ municipalityId, name = '' }: { municipalityId: string; name?: string }) {
  return (
    <nav aria-label={`${name}効果・予算と推進体制`} className="effects-links">
      <ul className="inline-list">
        <li>
          <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
            効果・予算（BPR・費用の推移・交付金）
          </Link>
        </li>
        <li>
          <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
            推進体制・会議
          </Link>
        </li>
      </ul>
    </nav>
  );
}
