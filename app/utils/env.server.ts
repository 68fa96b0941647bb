import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/** True for `postgres://` and `postgresql://` URLs; anything else names a SQLite file. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1).default("file:data/valuebench.db"),
    /** PostgreSQL only: connections per app instance, and the longest a single statement may run. */
    PG_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
    /** PostgreSQL only: the longest wait for a connection, and for an answer (default: statement timeout + 1 s). */
    PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    PG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    DATA_DIR: z.string().min(1).default("data"),
    /** Set to "0" to allow session cookies over plain http (local testing of a production build). */
    SECURE_COOKIES: z.enum(["0", "1"]).optional(),
    /** When set (smtp://user:pass@host:587 or smtps://…:465), invitations with an email are also mailed. */
    SMTP_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .url()
        .regex(/^smtps?:\/\//i, "SMTP_URL must start with smtp:// or smtps://")
        .optional(),
    ),
    /** Sender of those mails (default: valuebench <no-reply@localhost>). */
    SMTP_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).optional()),
    /**
     * The address people reach the app at (https://hiring.example.com): every absolute link (invitation links and
     * their mails) is built from it, never from the request's Host header. Required in production; in development
     * and test it defaults to the listening address, http://localhost:<PORT>.
     */
    PUBLIC_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .url("PUBLIC_URL must be a URL such as https://hiring.example.com")
        .superRefine((v, ctx) => {
          if (!URL.canParse(v)) return; // reported by .url()
          const url = new URL(v);
          if (!/^https?:$/.test(url.protocol)) {
            ctx.addIssue({ code: "custom", message: "PUBLIC_URL must start with http:// or https://" });
          } else if (url.pathname !== "/" || url.search || url.hash) {
            ctx.addIssue({
              code: "custom",
              message: "PUBLIC_URL must be an origin such as https://hiring.example.com (no path, query or fragment)",
            });
          }
        })
        .optional(),
    ),
    /** "0": `npm start` / `npm run setup` never seed the demo organizations (a real deployment; first run at /setup). */
    SEED_DEMO: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["0", "1"]).default("1")),
    /** Tests only: the seed also writes the demo passwords it generates to this file (JSON, mode 0600). */
    DEMO_PASSWORDS_FILE: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  })
  .refine((env) => !(env.NODE_ENV === "production" && !env.PUBLIC_URL), {
    path: ["PUBLIC_URL"],
    message:
      "PUBLIC_URL is required in production: the address people open the app at, e.g. https://hiring.example.com " +
      "(invitation links are built from it)",
  })
  // Several instances share one PostgreSQL database, so a cookie signed by one must verify on the others: they need
  // the same SESSION_SECRET (the generated data/secret file is per machine).
  .refine((env) => !(env.NODE_ENV === "production" && isPostgresUrl(env.DATABASE_URL) && !env.SESSION_SECRET), {
    path: ["SESSION_SECRET"],
    message:
      "SESSION_SECRET is required with a PostgreSQL DATABASE_URL in production (the same value on every instance)",
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** The origin absolute links start with (no trailing slash): PUBLIC_URL, else http://localhost:<PORT>. */
export function publicOrigin(): string {
  const env = getEnv();
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT}`;
}

/** Forgets the parsed environment, so tests can change process.env (e.g. SMTP_URL) between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Path of the SQLite file named by DATABASE_URL (`file:` prefix optional). */
export function sqlitePath(databaseUrl: string = getEnv().DATABASE_URL): string {
  if (isPostgresUrl(databaseUrl)) {
    throw new Error("DATABASE_URL is a PostgreSQL database, not a SQLite file (back it up with pg_dump / pg_restore)");
  }
  const raw = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : databaseUrl;
  return raw === ":memory:" ? raw : path.resolve(raw);
}

/** The session signing secret: from env, else generated once into the data dir (kept out of git). */
export function getSessionSecret(): string {
  const env = getEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve(env.DATA_DIR, "secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // the data directory is private (issue 15)
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // another process created it first
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

export function secureCookiesEnabled(): boolean {
  const env = getEnv();
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === "1";
  return env.NODE_ENV === "production";
}
