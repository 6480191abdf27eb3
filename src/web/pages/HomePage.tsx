import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { MunicipalityListResponse, PlanSummary } from '../../server/plans/plans.schemas';
import { municipalitiesQuery, plansQuery } from '../api';
import { Message } from '../components/Message';
import { ErrorState, Loading } from '../components/StatusViews';
import { formatPageTitle, formatPeriod } from '../format';
import { useDocumentTitle } from '../hooks';
import { useAreaMessages } from '../i18n/i18n';
import { PlanText } from '../i18n/PlanText';
import { PlanCreateLink } from './editing/PlanCreateLink';
import { EffectsLinks } from './effects/EffectsLinks';
import { pagesMessages } from './pages.messages';

type Municipality = MunicipalityListResponse['municipalities'][number];

export function HomePage() {
  const municipalities = useQuery(municipalitiesQuery());
  const plans = useQuery(plansQuery());
  const { t } = useAreaMessages(pagesMessages);

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
  if (!municipalities.data || !plans.data) return <Loading label={t('home.loading')} />;
  return <PlanDirectory municipalities={municipalities.data.municipalities} plans={plans.data.plans} />;
}

function PlanDirectory({ municipalities, plans }: { municipalities: Municipality[]; plans: PlanSummary[] }) {
  const { t } = useAreaMessages(pagesMessages);
  useDocumentTitle(formatPageTitle(t('common.plans')));
  return (
    <>
      <h1>{t('common.plans')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <PlanCreateLink />
      {municipalities.length === 0 ? (
        <p className="notice">{t('home.noMunicipalities')}</p>
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
  const { t, locale } = useAreaMessages(pagesMessages);
  const headingId = `municipality-${municipality.id}`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <PlanText>
          <span className="heading-prefix">{municipality.prefecture}</span>
          {municipality.name}
        </PlanText>
      </h2>
      <EffectsLinks municipalityId={municipality.id} name={municipality.name} />
      {plans.length === 0 ? (
        <p>{t('home.noPlans')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table plan-table">
            <caption className="visually-hidden">
              <Message
                text={t('home.tableCaption')}
                values={{ name: <PlanText>{municipality.name}</PlanText> }}
              />
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('home.planTitle')}</th>
                <th scope="col" className="plan-table__period">
                  {t('home.period')}
                </th>
                <th scope="col" className="numeric plan-table__count">
                  {t('home.unitAndCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to="/plans/$planId" params={{ planId: plan.id }}>
                      <PlanText>{plan.title}</PlanText>
                    </Link>
                  </th>
                  <td>{formatPeriod({ period: plan.period, locale })}</td>
                  <td className="numeric">
                    <Message
                      text={t('common.levelCount')}
                      values={{ level: <PlanText>{plan.actionLevel}</PlanText>, count: plan.actionCount }}
                    />
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
