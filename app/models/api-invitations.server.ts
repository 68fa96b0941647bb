// Candidate invitations through the public API (issue 20): the web's createInvitations (same transaction, audit,
// outbox and mail), links built from PUBLIC_URL, the Idempotency-Key contract of api-idempotency.server.ts.
import { getOrganization } from "~/models/organization.server";
import { createInvitations, PositionClosedError } from "~/models/invitation.server";
import { getPositionHeading } from "~/models/position.server";
import { defaultInvitationLocale, positionLocales } from "~/models/respondent-locale.server";
import { requestHash, withIdempotency, type StoredAnswer } from "~/models/api-idempotency.server";
import type { ApiContext } from "~/utils/api/auth.server";
import { problemBody } from "~/utils/api/problem.server";
import { publicOrigin } from "~/utils/env.server";
import type { z } from "zod";
import type { createInvitationsSchema } from "~/utils/schemas/api.server";

type CreateInvitations = z.infer<typeof createInvitationsSchema>;

/** Creates the invitations (or replays the answer stored under the Idempotency-Key). */
export async function inviteCandidatesByApi(
  ctx: ApiContext,
  positionId: string,
  input: CreateInvitations,
  idempotencyKey: string | null,
): Promise<StoredAnswer & { replayed: boolean }> {
  const orgId = ctx.organizationId;
  await getPositionHeading(orgId, positionId); // 404 first: another organization's position is never "closed"
  const hash = requestHash("POST", `/api/v1/positions/${positionId}/invitations`, input);
  return withIdempotency(orgId, idempotencyKey, hash, async () => {
    const offered = await positionLocales(orgId, positionId);
    const fallback = defaultInvitationLocale((await getOrganization(orgId))?.default_locale, offered);
    const errors = input.invitations.flatMap((entry, i) =>
      entry.locale && !offered.includes(entry.locale)
        ? [
            {
              pointer: `/invitations/${i}/locale`,
              detail: `The position's questionnaire is not published in "${entry.locale}" (offered: ${offered.join(", ")}).`,
            },
          ]
        : [],
    );
    if (errors.length > 0) {
      return {
        status: 400,
        body: problemBody(400, "An invitation asks for a language the position does not offer.", { errors }),
      };
    }
    try {
      const issued = await createInvitations(
        orgId,
        positionId,
        "candidate",
        input.invitations.map((e) => ({ name: e.name, email: e.email, locale: e.locale ?? fallback })),
        ctx.actor,
        publicOrigin(),
      );
      return {
        status: 201,
        body: {
          data: issued.map((l) => ({
            invitationId: l.invitationId,
            name: l.name,
            email: l.email,
            expiresAt: l.expiresAt,
            mail: l.mail ?? null,
            link: l.mail === "sent" ? null : l.link,
          })),
        },
      };
    } catch (error) {
      if (error instanceof PositionClosedError) return { status: 409, body: problemBody(409, error.message) };
      throw error;
    }
  });
}
