import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { action as positionAction } from "../../app/routes/app.positions.$positionId._index";
import { retryUnsentMails } from "../../app/models/invitation-outbox.server";
import { getDb } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { outcome, postForm } from "../factories";
import { makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

type Received = { from: string; to: string[]; data: string };

/**
 * A tiny SMTP sink on 127.0.0.1: enough of RFC 5321 for nodemailer (greeting, EHLO/HELO, MAIL, RCPT, DATA, QUIT).
 * `refuse` answers every MAIL FROM with a permanent error instead.
 */
async function smtpSink(options: { refuse?: boolean } = {}) {
  const received: Received[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: Received = { from: "", to: [], data: "" };
    socket.write("220 sink.test ESMTP ready\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 sink.test\r\n");
        else if (verb === "MAIL") {
          if (options.refuse) socket.write("550 5.7.1 relaying denied\r\n");
          else {
            current.from = line;
            socket.write("250 2.1.0 ok\r\n");
          }
        } else if (verb === "RCPT") {
          current.to.push(line);
          socket.write("250 2.1.5 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 end with <CRLF>.<CRLF>\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 2.0.0 bye\r\n");
          return;
        } else if (verb === "RSET" || verb === "NOOP") socket.write("250 ok\r\n");
        else socket.write("502 5.5.2 not implemented\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The text body of a received message, transfer encoding undone. */
function textBody(raw: string): string {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    return Buffer.from(
      body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      "latin1",
    ).toString("utf8");
  }
  return body;
}

function setSmtp(url: string | undefined) {
  if (url === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = url;
  resetEnvCache();
}

afterEach(() => setSmtp(undefined));

type Issued = { invitationId: string; name: string; email: string | null; link: string; mail?: string };

async function inviteOne(setup: Awaited<ReturnType<typeof makeRecruiterWithPosition>>, name: string, email: string) {
  return outcome(() =>
    positionAction({
      request: postForm(
        `/app/positions/${setup.positionId}`,
        { intent: "invite-one", kind: "candidate", name, email, locale: "en" },
        setup.cookie,
      ),
      params: { positionId: setup.positionId },
      context: {},
    }),
  );
}

async function outboxRows(orgId: string) {
  return getDb().selectFrom("outbox").selectAll().where("organization_id", "=", orgId).orderBy("created_at").execute();
}

describe("invitation mails when SMTP_URL is set", () => {
  it("mails a link that starts with PUBLIC_URL, not with the address the request came to", async () => {
    const sink = await smtpSink();
    try {
      setSmtp(`smtp://127.0.0.1:${sink.port}`);
      process.env.PUBLIC_URL = "https://hiring.example.com";
      resetEnvCache();
      const setup = await makeRecruiterWithPosition("Public URL Org");
      const res = await inviteOne(setup, "Pia Public", "pia@example.test");
      const [issued] = (res.data as { issued: Issued[] }).issued;
      expect(issued.link).toMatch(/^https:\/\/hiring\.example\.com\/i\//);
      expect(sink.received).toHaveLength(1);
      expect(textBody(sink.received[0].data)).toContain(issued.link);
    } finally {
      delete process.env.PUBLIC_URL;
      await sink.close();
    }
  });

  it("mails the link at creation and marks the outbox row sent; the stored copy still has no link", async () => {
    const sink = await smtpSink();
    try {
      setSmtp(`smtp://127.0.0.1:${sink.port}`);
      const setup = await makeRecruiterWithPosition("Mail Org");
      const res = await inviteOne(setup, "Mira Mail", "mira@example.test");
      expect(res.status).toBe(200);
      const [issued] = (res.data as { issued: Issued[] }).issued;
      expect(issued.mail).toBe("sent");
      const token = issued.link.slice(issued.link.lastIndexOf("/") + 1);

      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect(mail.to).toEqual(["RCPT TO:<mira@example.test>"]);
      expect(mail.from).toBe("MAIL FROM:<no-reply@localhost>");
      expect(mail.data).toMatch(/^Subject: Mail Org: questionnaire for the Support agent position$/m);
      const text = textBody(mail.data);
      expect(text).toContain("Hello Mira Mail,");
      expect(text).toContain(`Open your personal link: ${issued.link}`);

      const [row] = await outboxRows(setup.org.id);
      expect(row.to_address).toBe("mira@example.test");
      expect(row.sent_at).not.toBeNull();
      expect(row.body).not.toContain(token);
      // only the hash is stored
      const invitation = await getDb()
        .selectFrom("invitations")
        .select("token_hash")
        .where("id", "=", issued.invitationId)
        .executeTakeFirstOrThrow();
      expect(invitation.token_hash).toBe(sha256Hex(token));

      // "New link" mails the new link too; the old one is not in that mail.
      const resend = await outcome(() =>
        positionAction({
          request: postForm(
            `/app/positions/${setup.positionId}`,
            { intent: "resend", invitationId: issued.invitationId },
            setup.cookie,
          ),
          params: { positionId: setup.positionId },
          context: {},
        }),
      );
      expect(resend.status).toBe(200);
      const [again] = (resend.data as { issued: Issued[] }).issued;
      expect(again.mail).toBe("sent");
      expect(sink.received).toHaveLength(2);
      const second = textBody(sink.received[1].data);
      expect(second).toContain(again.link);
      expect(second).not.toContain(token);
      const rows = await outboxRows(setup.org.id);
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.sent_at !== null)).toBe(true);
    } finally {
      await sink.close();
    }
  });

  it("a refused mail leaves the invitation created, the outbox row unsent and tells the recruiter", async () => {
    const sink = await smtpSink({ refuse: true });
    try {
      setSmtp(`smtp://127.0.0.1:${sink.port}`);
      const setup = await makeRecruiterWithPosition("Refused Org");
      const res = await inviteOne(setup, "Rob Refused", "rob@example.test");
      expect(res.status).toBe(200);
      const [issued] = (res.data as { issued: Issued[] }).issued;
      expect(issued.mail).toBe("failed");
      expect(issued.link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
      expect(sink.received).toHaveLength(0);
      const invitations = await getDb()
        .selectFrom("invitations")
        .select("name")
        .where("organization_id", "=", setup.org.id)
        .execute();
      expect(invitations.map((i) => i.name)).toEqual(["Rob Refused"]);
      const [row] = await outboxRows(setup.org.id);
      expect(row.sent_at).toBeNull();
    } finally {
      await sink.close();
    }
  });

  it("the mail-retry job mails a failed invitation later, then drops its copy with the link (issue 21)", async () => {
    const refusing = await smtpSink({ refuse: true });
    const setup = await makeRecruiterWithPosition("Retry Org");
    let link = "";
    try {
      setSmtp(`smtp://127.0.0.1:${refusing.port}`);
      const res = await inviteOne(setup, "Rae Retry", "rae@example.test");
      link = (res.data as { issued: Issued[] }).issued[0].link;
    } finally {
      await refusing.close();
    }
    const [failed] = await outboxRows(setup.org.id);
    expect(failed).toMatchObject({ sent_at: null, attempts: 1 });
    expect(failed.last_error).toMatch(/relaying denied/);
    expect(failed.unsent_body).toContain(link);

    const sink = await smtpSink();
    try {
      setSmtp(`smtp://127.0.0.1:${sink.port}`);
      // the job covers every organization: earlier tests' failed mails go out in the same round
      const round = await retryUnsentMails();
      expect(round).toMatchObject({ enabled: true, failed: 0 });
      const mine = sink.received.filter((m) => m.to.includes("RCPT TO:<rae@example.test>"));
      expect(mine).toHaveLength(1);
      expect(textBody(mine[0].data)).toContain(`Open your personal link: ${link}`);
      const [sent] = await outboxRows(setup.org.id);
      expect(sent).toMatchObject({ unsent_body: null, attempts: 2, last_error: null });
      expect(sent.sent_at).not.toBeNull();
      // sent once: the next round has nothing to do
      const before = sink.received.length;
      expect(await retryUnsentMails()).toEqual({ enabled: true, sent: 0, failed: 0 });
      expect(sink.received).toHaveLength(before);
    } finally {
      await sink.close();
    }
  });

  it("an unreachable server fails fast for a whole list; invitations are created", async () => {
    const sink = await smtpSink();
    await sink.close(); // nothing listens on this port any more
    setSmtp(`smtp://127.0.0.1:${sink.port}`);
    const setup = await makeRecruiterWithPosition("Down Org");
    const res = await outcome(() =>
      positionAction({
        request: postForm(
          `/app/positions/${setup.positionId}`,
          {
            intent: "invite-list",
            kind: "agent",
            list: "Ann, ann@example.test\nBo, bo@example.test\nCy",
            locale: "en",
          },
          setup.cookie,
        ),
        params: { positionId: setup.positionId },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    const issued = (res.data as { issued: Issued[] }).issued;
    expect(issued.map((i) => [i.name, i.mail])).toEqual([
      ["Ann", "failed"],
      ["Bo", "failed"],
      ["Cy", undefined],
    ]);
    const rows = await outboxRows(setup.org.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.sent_at === null)).toBe(true);
  });

  it("without SMTP_URL nothing is mailed and nothing is marked sent", async () => {
    const sink = await smtpSink();
    try {
      setSmtp(undefined);
      const setup = await makeRecruiterWithPosition("Quiet Org");
      const res = await inviteOne(setup, "Quinn Quiet", "quinn@example.test");
      const [issued] = (res.data as { issued: Issued[] }).issued;
      expect(issued.mail).toBeUndefined();
      expect(sink.received).toHaveLength(0);
      const [row] = await outboxRows(setup.org.id);
      expect(row.sent_at).toBeNull();
    } finally {
      await sink.close();
    }
  });
});
