import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActivationSection } from "~/components/benchmark-activation";
import { BenchmarkWarnings } from "~/components/benchmark-warnings";
import { AgentsSection, type ActionResult } from "~/components/benchmark-agents";
import { FormattedDate } from "~/components/formatted-date";
import { formatterFor, useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { BandChart, ValuesTable } from "~/components/benchmark-values";
import {
  activateBenchmark,
  ActivationReasonRequiredError,
  CannotRescoreError,
  getBenchmarkDiagnostics,
  getPositionForBenchmark,
  NothingToActivateError,
  reasonRequiredMessage,
  rescoreWithCurrentAlgorithm,
  setAgentMembership,
} from "~/models/benchmark.server";
import benchmarkCss from "~/styles/benchmark.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { benchmarkActionSchema } from "~/utils/schemas/benchmark.server";
import { algorithmLabel } from "~/utils/report-wording";
import { requireRole } from "~/utils/route-roles.server";
import { validitySummaryIn } from "~/utils/validity-wording";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: benchmarkCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.benchmark");
  const diag = await getBenchmarkDiagnostics(user.organizationId, params.positionId ?? "", user.locale);
  const t = staffT(user.locale, "benchmark");
  return {
    ...diag,
    title: t("page.title", { position: diag.position.title }),
    canRescore: user.role === "admin",
    canActivate: user.role === "admin",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.benchmark");
  const positionId = params.positionId ?? "";
  await getPositionForBenchmark(user.organizationId, positionId);
  const t = staffT(user.locale, "benchmark");
  const parsed = await parseForm(request, benchmarkActionSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  const input = parsed.data;
  if (input.intent === "membership") {
    await setAgentMembership(user.organizationId, positionId, input.responseId, input.decision, input.reason, user);
    return data({
      ok: true as const,
      message: input.decision === "exclude" ? t("messages.excluded") : t("messages.included"),
    });
  }
  if (input.intent === "rescore") {
    try {
      const { rescored } = await rescoreWithCurrentAlgorithm(user.organizationId, positionId, user);
      return data({
        ok: true as const,
        message: t("messages.rescored", { count: rescored }),
      });
    } catch (error) {
      if (error instanceof CannotRescoreError) {
        return data(failure(t(error.key, error.vars), {}, { intent: "rescore" }), 409);
      }
      throw error;
    }
  }
  try {
    const { rescored } = await activateBenchmark(user.organizationId, positionId, user, input.reason);
    return data({
      ok: true as const,
      message: t("messages.activated", { count: rescored }),
    });
  } catch (error) {
    if (error instanceof NothingToActivateError) return data(failure(t(error.key), {}, { intent: "activate" }), 409);
    if (error instanceof ActivationReasonRequiredError) {
      const reason = reasonRequiredMessage(t, formatterFor(user.locale), error.concerns);
      return data(failure(null, { reason: [reason] }, { intent: "activate" }), 400);
    }
    throw error;
  }
}

export default function BenchmarkPage() {
  const diag = useLoaderData<typeof loader>();
  const t = useStaffT("benchmark");
  const f = useFormat();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const included = diag.snapshot.included.length;
  const genericError =
    result &&
    !result.ok &&
    !result.values.responseId &&
    result.values.intent !== "activate" &&
    result.values.intent !== "rescore"
      ? result.formError
      : null;
  return (
    <div className="stack benchmark-page">
      <h1>{t("page.heading", { position: diag.position.title })}</h1>
      <p className="muted">
        {t("page.intro", { questionnaire: diag.questionnaire.title, version: diag.questionnaire.version })}
      </p>
      <p className="validity-link">
        <Link to={`/app/positions/${diag.position.id}/validity`}>{t("page.validityLink")}</Link>:{" "}
        {validitySummaryIn(t, diag.snapshot.contrast, diag.values.length, diag.limits.minContrast)}
      </p>
      {result?.ok ? (
        <p className="alert success" role="status">
          {t.message(result.message)}
        </p>
      ) : null}
      {genericError ? (
        <p className="alert error" role="alert">
          {t.message(genericError)}
        </p>
      ) : null}

      {diag.agents.length === 0 ? (
        <div className="card">
          <h2>{t("empty.heading")}</h2>
          <p>
            {t("empty.before", { min: diag.limits.minAgents, better: diag.limits.fullAgents })}{" "}
            <Link to={`/app/positions/${diag.position.id}`}>{t("empty.positionLink")}</Link>
            {t("empty.middle")} <Link to={`/app/positions/${diag.position.id}/import`}>{t("empty.importLink")}</Link>
            {t("empty.after")}
          </p>
        </div>
      ) : (
        <>
          {included < diag.limits.minAgents ? (
            <p className="alert warning">{t("page.fewIncluded", { count: included, min: diag.limits.minAgents })}</p>
          ) : null}
          <BenchmarkWarnings diag={diag} />

          <ActivationSection
            diag={diag}
            result={result}
            busy={busy}
            canRescore={diag.canRescore}
            canActivate={diag.canActivate}
          />

          <section aria-labelledby="values-heading">
            <h2 id="values-heading">
              {t("page.draft", { count: diag.snapshot.agents, included })}{" "}
              <span className="badge">{algorithmLabel(t, diag.snapshot.algorithmVersion)}</span>
            </h2>
            <ValuesTable diag={diag} />
            <BandChart diag={diag} />
          </section>

          {diag.scenarios.length > 0 ? (
            <section aria-labelledby="scenarios-heading">
              <h2 id="scenarios-heading">{t("scenarios.heading")}</h2>
              <p className="muted">{t("scenarios.intro")}</p>
              {diag.scenarios.map((s) => {
                const top = Math.max(0, ...Object.values(s.consensus?.shares ?? {}));
                return (
                  <details key={s.id} className="scenario">
                    <summary>
                      {s.text}{" "}
                      <span className="muted">
                        (
                        {s.consensus && !s.consensus.scored
                          ? t("scenarios.answeredTooFew", { count: s.consensus.m })
                          : t("scenarios.answered", { count: s.consensus?.m ?? 0 })}
                        )
                      </span>
                    </summary>
                    <table className="scenarios">
                      <caption className="sr-only">{t("scenarios.caption", { scenario: s.text })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("scenarios.answer")}</th>
                          <th scope="col">{t("scenarios.share")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.options.map((o) => {
                          const share = s.consensus?.shares[o.id] ?? 0;
                          return (
                            <tr key={o.id}>
                              <td>
                                {o.text}
                                {share === top && top > 0 ? <strong> {t("scenarios.agentsChoice")}</strong> : null}
                              </td>
                              <td>{f.percent(share)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </details>
                );
              })}
            </section>
          ) : null}

          <AgentsSection diag={diag} result={result} busy={busy} />
          <AgentsSection diag={diag} result={result} busy={busy} group="comparison" />
        </>
      )}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("history.heading")}</h2>
        {diag.history.length === 0 ? (
          <p className="muted">{t("history.none")}</p>
        ) : (
          <ul>
            {diag.history.map((h) => (
              <li key={h.id}>
                {t("history.activatedOn")} <FormattedDate value={h.activatedAt} />{" "}
                {t("history.entry", {
                  by: h.activatedBy ?? t("history.formerMember"),
                  included: h.included,
                  count: h.agents,
                })}{" "}
                <span className="badge">{algorithmLabel(t, h.algorithmVersion)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
