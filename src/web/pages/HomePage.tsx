import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { MunicipalityListResponse, PlanSummary } from '../../server/plans/plans.schemas';
import { municipalitiesQuery, plansQuery } from '../api';
import { ErrorState, Loading } from '../components/StatusViews';
import { formatPageTitle, formatPeriod } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { PlanCreateLink } from './editing/PlanCreateLink';
import { EffectsLinks } from './effects/EffectsLinks';

type Municipality = MunicipalityListResponse['municipalities'][number];

export function HomePage() {
  const municipalities = useQuery(municipalitiesQuery());
  const plans = useQuery(plansQuery());

  if (municipalities.isError || plans.isError) {
    return (
      <ErrorState
        error={municipalities.error ?? plans.error}
        subject="list"
        onRetry={() => {
          void municipalities.refetch();
          void plans.refetch();
        }}
      />
    );
  }
  if (!municipalities.data || !plans.data) return <Loading label="計画の一覧を読み込んでいます…" />;
  return <PlanDirectory municipalities={municipalities.data.municipalities} plans={plans.data.plans} />;
}

function PlanDirectory({ municipalities, plans }: { municipalities: Municipality[]; plans: PlanSummary[] }) {
  useDocumentTitle(formatPageTitle('計画一覧'));
  return (
    <>
      <h1>計画一覧</h1>
      <p className="lead">
        自治体ごとのDX推進計画と、各アクションの進捗・評価を掲載しています。計画名を選ぶと、テーマや施策ごとの評価をご覧いただけます。
      </p>
      <PlanCreateLink />
      {municipalities.length === 0 ? (
        <p className="notice">登録されている自治体はまだありません。</p>
      ) : (
        municipalities.map((municipality) => (
          <MunicipalitySection
            key={municipality.id}
            municipality={municipality}
            plans={plans.filter((plan) => plan.municipality.id === municipality.id)}
          />
        ))
      )}
    </>
  );
}

function MunicipalitySection({ municipality, plans }: { municipality: Municipality; plans: PlanSummary[] }) {
  const { locale } = useI18n();
  const headingId = `municipality-${municipality.id}`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="heading-prefix">{municipality.prefecture}</span>
        {municipality.name}
      </h2>
      <EffectsLinks municipalityId={municipality.id} name={municipality.name} />
      {plans.length === 0 ? (
        <p>登録されている計画はありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table plan-table">
            <caption className="visually-hidden">{municipality.name}の計画</caption>
            <thead>
              <tr>
                <th scope="col">計画名</th>
                <th scope="col" className="plan-table__period">
                  計画期間
                </th>
                <th scope="col" className="numeric plan-table__count">
                  評価の単位と数
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to="/plans/$planId" params={{ planId: plan.id }}>
                      {plan.title}
                    </Link>
                  </th>
                  <td>{formatPeriod({ period: plan.period, locale })}</td>
                  <td className="numeric">
                    {plan.actionLevel} {plan.actionCount}件
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
