import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "valuebench — hire for your service values" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { signedIn: Boolean(user) };
}

export default function Index() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow" id="main">
      <h1>valuebench</h1>
      <p>
        Hire customer-service people who share your service values. Write down your values — respect, patience, empathy,
        responsiveness, ownership — and ask your best agents a short questionnaire tied to each of them. Their answers
        become your <strong>values benchmark</strong>.
      </p>
      <p>
        Candidates answer the same questions online, on any phone. Recruiters see, for every value, where each candidate
        sits against the benchmark, how sure we are, and what to ask in the interview — never a single unexplained
        number.
      </p>
      <p>
        {signedIn ? (
          <Link className="button" to="/app">
            Open your workspace
          </Link>
        ) : (
          <Link className="button" to="/login">
            Log in
          </Link>
        )}
      </p>
      <p className="muted">
        Invited to answer a questionnaire? Open the link from your invitation; you do not need an account.
      </p>
    </main>
  );
}
