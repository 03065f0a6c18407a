import { useState } from "react";
import { signIn } from "./api";
import type { Me } from "./types";
import type { Strings } from "./i18n";

/** Shown only on the multi-user server (MOODIFY_AUTH=required) when nobody is signed in. */
export function SignIn({ t, onSignedIn }: { t: Strings; onSignedIn: (me: Me) => void }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [register, setRegister] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      setError(null);
      onSignedIn(await signIn(name, password, register));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form
      className="card signin"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}>
      <h2>{register ? t.register : t.signIn}</h2>
      <label htmlFor="name">{t.name}</label>
      <input id="name" type="text" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="password">{t.password}</label>
      <input
        id="password"
        type="password"
        autoComplete={register ? "new-password" : "current-password"}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit">
        {register ? t.register : t.signIn}
      </button>
      {!register && (
        <p className="hint">
          {t.needAccount}{" "}
          <button type="button" onClick={() => setRegister(true)}>
            {t.register}
          </button>
        </p>
      )}
    </form>
  );
}
