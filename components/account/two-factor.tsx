"use client";
// Two-factor sign-in on the account page and the forced set-up page: start (a QR code and the key
// to type), confirm with the app's code, then the recovery codes, shown this once.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import type { TwoFactorState } from "@/app/(dashboard)/account/actions";

type Action<S> = (s: S, f: FormData) => Promise<S>;

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("account");
  return (
    <div className="space-y-2">
      <Notice tone="warn">
        {t("recoveryWarning")}
        {t("recoveryWarningUse")}
      </Notice>
      <ol
        aria-label={t("recoveryCodes")}
        className="grid grid-cols-2 gap-1 rounded-md border border-line p-3 font-mono text-sm"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The whole two-factor card. One component whatever the state, so that the recovery codes shown
 * after turning it on survive the page refreshing itself (the session cookie changes then, and the
 * server now renders the "on" state).
 */
export function TwoFactorCard({
  enabled,
  left,
  required,
  actions,
  done,
}: {
  enabled: boolean;
  left: number;
  required: boolean;
  actions: {
    start: Action<TwoFactorState>;
    confirm: Action<TwoFactorState>;
    newCodes: Action<TwoFactorState>;
    turnOff: Action<ActionState>;
  };
  done?: React.ReactNode;
}) {
  const t = useTranslations("account");
  const [started, startAction, starting] = useActionState(actions.start, initialActionState as TwoFactorState);
  const [confirmed, confirmAction, confirming] = useActionState(actions.confirm, initialActionState as TwoFactorState);
  if (confirmed.ok && confirmed.recoveryCodes) {
    return (
      <div className="space-y-3">
        <Notice tone="ok">{confirmed.message}</Notice>
        <RecoveryCodes codes={confirmed.recoveryCodes} />
        {done}
      </div>
    );
  }
  if (enabled) {
    return done ? (
      <div className="space-y-3">
        <Notice tone="ok">{t("isOn")}</Notice>
        {done}
      </div>
    ) : (
      <TwoFactorManage left={left} required={required} newCodes={actions.newCodes} turnOff={actions.turnOff} />
    );
  }
  return (
    <TwoFactorSetup
      started={started}
      startAction={startAction}
      starting={starting}
      confirmed={confirmed}
      confirmAction={confirmAction}
      confirming={confirming}
    />
  );
}

function TwoFactorSetup({
  started,
  startAction,
  starting,
  confirmed,
  confirmAction,
  confirming,
}: {
  started: TwoFactorState;
  startAction: (f: FormData) => void;
  starting: boolean;
  confirmed: TwoFactorState;
  confirmAction: (f: FormData) => void;
  confirming: boolean;
}) {
  const t = useTranslations("account");
  const setup = confirmed.setup ?? started.setup;
  if (!setup) {
    return (
      <form action={startAction} className="space-y-2">
        <p className="text-sm text-muted">{t("setUpIntro")}</p>
        <Button type="submit" disabled={starting}>
          {t("setUp")}
        </Button>
        {started.message && !started.ok && <Notice>{started.message}</Notice>}
      </form>
    );
  }
  return (
    <form key={confirmed.seq} action={confirmAction} className="space-y-3" noValidate>
      <p className="text-sm">{t("scan")}</p>
      {/* biome-ignore lint/performance/noImgElement: a data: URL made on the server, not an asset to optimise */}
      <img src={setup.qr} alt={t("qrAlt")} width={180} height={180} className="rounded bg-white p-2" />
      <div className="space-y-1">
        <label htmlFor="two-factor-key" className="block text-sm">
          {t("key")}
        </label>
        <input
          id="two-factor-key"
          readOnly
          value={setup.secret}
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} font-mono`}
        />
      </div>
      {confirmed.message && !confirmed.ok && <Notice>{confirmed.message}</Notice>}
      <div className="w-48">
        <Field label={t("codeFromApp")} name="code" errors={confirmed.fieldErrors?.code}>
          {(a) => (
            <input
              {...a}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Button type="submit" disabled={confirming}>
        {t("turnOn")}
      </Button>
    </form>
  );
}

function TwoFactorManage({
  left,
  required,
  newCodes,
  turnOff,
}: {
  left: number;
  required: boolean;
  newCodes: Action<TwoFactorState>;
  turnOff: Action<ActionState>;
}) {
  const t = useTranslations("account");
  const [codes, codesAction, making] = useActionState(newCodes, initialActionState as TwoFactorState);
  const [off, offAction, turning] = useActionState(turnOff, initialActionState);
  if (off.ok && off.message) return <Notice tone="ok">{off.message}</Notice>;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        {t.rich("isOnStrong", { strong: (chunks) => <strong>{chunks}</strong> })}
        {t("codesLeft", { left })}
      </p>
      {codes.ok && codes.recoveryCodes ? (
        <RecoveryCodes codes={codes.recoveryCodes} />
      ) : (
        <form
          key={codes.seq}
          action={codesAction}
          className="flex flex-wrap items-end gap-2"
          noValidate
          aria-label={t("newCodesForm")}
        >
          <div className="w-56">
            <Field label={t("yourPassword")} name="codes-password" errors={codes.fieldErrors?.password}>
              {(a) => (
                <input {...a} name="password" type="password" autoComplete="current-password" className={inputClass} />
              )}
            </Field>
          </div>
          <Button type="submit" variant="secondary" disabled={making}>
            {t("newCodes")}
          </Button>
        </form>
      )}
      {required ? (
        <p className="text-xs text-muted">{t("required")}</p>
      ) : (
        <form
          key={off.seq}
          action={offAction}
          className="flex flex-wrap items-end gap-2"
          noValidate
          aria-label={t("turnOffForm")}
        >
          <div className="w-56">
            <Field label={t("yourPassword")} name="off-password" errors={off.fieldErrors?.password}>
              {(a) => (
                <input {...a} name="password" type="password" autoComplete="current-password" className={inputClass} />
              )}
            </Field>
          </div>
          <Button type="submit" variant="danger" disabled={turning}>
            {t("turnOff")}
          </Button>
        </form>
      )}
      {off.message && !off.ok && !off.fieldErrors?.password && <Notice>{off.message}</Notice>}
    </div>
  );
}

export function SignOutEverywhere({ action }: { action: Action<ActionState> }) {
  const t = useTranslations("account");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-2">
      <p className="text-sm text-muted">
        {t("everywhereIntro")}
        {t("everywhereWhen")}
      </p>
      <Button type="submit" variant="danger" disabled={pending}>
        {t("everywhere")}
      </Button>
      {state.message && !state.ok && <Notice>{state.message}</Notice>}
    </form>
  );
}
