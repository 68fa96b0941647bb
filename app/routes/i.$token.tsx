import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { ErrorList } from "~/components/field";
import { lookupInvitationToken } from "~/models/invitation.server";
import { consentToInvitation, isInviteThrottled, recordInviteAttempt } from "~/models/response.server";
import answeringCss from "~/styles/answering.css?url";
import { clientIp } from "~/utils/client-ip.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { consentSchema } from "~/utils/schemas/positions.server";

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: answeringCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Questionnaire from ${data.organizationName}` : "Invitation" },
  { name: "referrer", content: "no-referrer" },
  { name: "robots", content: "noindex" },
];

function unknownLink(): never {
  throw new Response("This link is not valid.", { status: 404, headers: PRIVATE_HEADERS });
}
function closedLink(): never {
  throw new Response("This link is no longer active.", { status: 410, headers: PRIVATE_HEADERS });
}

/** GET changes nothing: it only reads the invitation to explain who asks and why. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await lookupInvitationToken(params.token ?? "");
  if (found.state === "unknown") unknownLink();
  if (found.state === "closed") closedLink();
  const { invitationId: _id, ...view } = found;
  return data(view, { headers: PRIVATE_HEADERS });
}

/** Consent: exchanges the token for a respondent session cookie and leaves the token behind (redirect to /r). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  if (await isInviteThrottled(ip)) {
    throw new Response("Too many attempts from this network. Please wait 15 minutes and open your link again.", {
      status: 429,
      headers: PRIVATE_HEADERS,
    });
  }
  const token = params.token ?? "";
  const parsed = await parseForm(request, consentSchema);
  if (!parsed.ok) {
    await recordInviteAttempt(ip, false);
    return data(parsed, { status: 400, headers: PRIVATE_HEADERS });
  }
  const result = await consentToInvitation(token);
  await recordInviteAttempt(ip, result.ok);
  if (!result.ok) {
    if (result.state === "closed") closedLink();
    unknownLink();
  }
  throw redirect("/r", { headers: { ...PRIVATE_HEADERS, "Set-Cookie": result.setCookie } });
}

export default function Invitation() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const consentError = actionData && !actionData.ok ? actionData.fieldErrors.consent : undefined;
  const isCandidate = view.kind === "candidate";
  const retentionMonths = Math.round(view.retentionDays / 30);
  return (
    <main className="answering" id="main">
      <p className="org-name">{view.organizationName}</p>
      <h1>{isCandidate ? `Questionnaire for the ${view.positionTitle} position` : "Help us describe great service"}</h1>
      <p>Hello {view.name},</p>
      {view.alreadySubmitted ? (
        <p className="alert success">
          You have already submitted your answers — thank you. You can open them again below, but they can no longer be
          changed.
        </p>
      ) : null}

      <section aria-labelledby="why">
        <h2 id="why">Why we ask</h2>
        {isCandidate ? (
          <>
            <p>
              {view.organizationName} asks everyone who applies for <strong>{view.positionTitle}</strong> the same short
              questionnaire about how they like to work with customers. It looks at these values:{" "}
              <strong>{view.valueNames.join(", ")}</strong>.
            </p>
            <p>
              Your answers are compared with those of the team’s experienced agents, to help the recruiters prepare the
              interview and ask about the areas where you answered differently. It is never the only basis of a
              decision, and there are no trick questions: answer as you really are.
            </p>
          </>
        ) : (
          <>
            <p>
              You were chosen because your everyday work shows what {view.organizationName} means by good service. Your
              answers, together with those of other top agents, become the benchmark for the{" "}
              <strong>{view.positionTitle}</strong> position: candidates are later compared with it.
            </p>
            <p>
              It is not a test of you, and it does not affect your own evaluation. Answer as you really work, not as you
              think you should.
            </p>
          </>
        )}
        {view.positionDescription ? <p className="muted">{view.positionDescription}</p> : null}
      </section>

      <section aria-labelledby="how-long">
        <h2 id="how-long">How long it takes</h2>
        <p>
          About {view.estimatedMinutes} minutes: {view.itemCount} short questions, a few per page. Your answers are
          saved as you go; you can stop and come back with this same link, on any device, until you submit.
        </p>
      </section>

      <section aria-labelledby="who-sees">
        <h2 id="who-sees">Who will see your answers</h2>
        {isCandidate ? (
          <p>
            Only the recruiters and administrators of {view.organizationName} who handle this position. Your answers are
            not shared with anyone else and are not used for any other position.
          </p>
        ) : (
          <p>
            The recruiters and administrators of {view.organizationName}. They see each agent’s answers when they check
            the benchmark; candidates never see them.
          </p>
        )}
      </section>

      {isCandidate ? (
        <section aria-labelledby="rights">
          <h2 id="rights">How long we keep them, and your rights</h2>
          <p>
            Your answers are kept for {view.retentionDays} days
            {retentionMonths >= 2 ? ` (about ${retentionMonths} months)` : ""} after you submit, and then deleted. You
            can ask {view.organizationName} at any time for a copy of your answers or for their deletion: reply to the
            message that brought you this link, or contact their recruiting team and name the position.
          </p>
        </section>
      ) : null}

      <Form method="post" className="stack consent-form" noValidate>
        <div className={consentError ? "consent invalid" : "consent"}>
          <label>
            <input
              type="checkbox"
              name="consent"
              value="yes"
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? "consent-error" : undefined}
            />
            <span>
              {isCandidate
                ? "I have read the above and agree that my answers are used for my application as described."
                : "I have read the above and agree that my answers are used for the benchmark as described."}
            </span>
          </label>
          <ErrorList id="consent-error" errors={consentError} />
        </div>
        <button type="submit" className="big" disabled={busy}>
          {view.alreadySubmitted ? "Open my answers" : view.started ? "Continue where I stopped" : "Start"}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "This link does not work";
      message =
        "Check that you opened the whole link from your message. If it still does not work, ask the person who invited you for a new link.";
    } else if (error.status === 410) {
      title = "This link is no longer active";
      message =
        "Invitation links stop working after a while or when a new one is sent. Ask the person who invited you for a new link; any answers you already gave are kept.";
    } else if (error.status === 429) {
      title = "Please wait a moment";
      message = typeof error.data === "string" ? error.data : message;
    }
  }
  return (
    <main className="answering" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
    </main>
  );
}
