import { useStaffT } from "~/i18n/staff";
import { RichText } from "~/i18n/i18n";
import {
  InvitationsSection,
  type InvitationRow,
  type InvitationsActionData,
  type LocaleOption,
} from "~/components/invitations-section";
import { PositionEditForm, type PositionEditData } from "~/components/position-edit-form";

export type PositionOverviewData = {
  position: {
    title: string;
    description: string;
    status: string;
    questionnaireVersionId: string;
    questionnaireLabel: string;
    versionLocked: boolean;
    responses: number;
  };
  versions: { id: string; label: string }[];
  agents: InvitationRow[];
  comparisonAgents: InvitationRow[];
  candidates: InvitationRow[];
  defaultLocale: string;
  localeOptions: LocaleOption[];
  /** Benchmark and contrast minimums (app/scoring), named in the sections' intros. */
  limits: { minAgents: number; fullAgents: number; minComparison: number };
};

type OverviewActionData = InvitationsActionData & { intent?: string; message?: string };

/** The position page: what it is, its questionnaire, the three invitation sections and the edit form. */
export function PositionOverview({
  data,
  actionData,
}: {
  data: PositionOverviewData;
  actionData?: OverviewActionData;
}) {
  const t = useStaffT("positions");
  const { position, versions, agents, comparisonAgents, candidates, defaultLocale, localeOptions, limits } = data;
  const update = actionData?.intent === "update" ? (actionData as PositionEditData) : null;
  return (
    <>
      <h1>{position.title}</h1>
      {position.description ? <p className="position-description">{position.description}</p> : null}
      {position.status === "closed" ? <p className="alert warning">{t("overview.closed")}</p> : null}
      <p>
        <RichText text={t("overview.questionnaire", { label: position.questionnaireLabel })} />{" "}
        {position.versionLocked ? (
          <span className="muted">{t("overview.locked", { count: position.responses })}</span>
        ) : (
          <span className="muted">{t("overview.unlocked")}</span>
        )}
      </p>

      <InvitationsSection
        kind="agent"
        title={t("overview.top.title")}
        intro={t("overview.top.intro", { min: limits.minAgents, better: limits.fullAgents })}
        invitations={agents}
        actionData={actionData?.kind === "agent" && actionData.group !== "comparison" ? actionData : undefined}
        defaultLocale={defaultLocale}
        localeOptions={localeOptions}
      />
      <InvitationsSection
        kind="agent"
        group="comparison"
        title={t("overview.comparison.title")}
        intro={t("overview.comparison.intro", { min: limits.minComparison })}
        invitations={comparisonAgents}
        actionData={actionData?.kind === "agent" && actionData.group === "comparison" ? actionData : undefined}
        defaultLocale={defaultLocale}
        localeOptions={localeOptions}
      />
      <InvitationsSection
        kind="candidate"
        title={t("overview.candidates.title")}
        intro={t("overview.candidates.intro")}
        invitations={candidates}
        actionData={actionData?.kind === "candidate" ? actionData : undefined}
        defaultLocale={defaultLocale}
        localeOptions={localeOptions}
      />

      <PositionEditForm position={position} versions={versions} update={update} />
    </>
  );
}
