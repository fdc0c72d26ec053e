// A tool's input schema as a form: a field per property (text, number, checkbox, a choice for an enum, JSON for
// the rest), required ones marked, and the arguments object built from what was typed.
import { useState } from "preact/hooks";
import type { JsonSchema } from "../api/types";

export type FieldValues = Record<string, string | boolean>;

function kind(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (schema.enum) return "enum";
  return type ?? "json";
}

/** The arguments the fields make, or the first field that does not hold what its schema asks. */
export function argumentsFrom(schema: JsonSchema | undefined, values: FieldValues): { value?: Record<string, unknown>; error?: string } {
  const result: Record<string, unknown> = {};
  const properties = schema?.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const raw = values[name];
    const required = schema?.required?.includes(name) ?? false;
    const type = kind(property);
    if (type === "boolean") {
      if (raw !== undefined) result[name] = raw === true;
      else if (required) result[name] = false;
      continue;
    }
    const text = typeof raw === "string" ? raw : "";
    if (text === "") {
      if (required) return { error: `${name} is required` };
      continue;
    }
    if (type === "number" || type === "integer") {
      const number = Number(text);
      if (!Number.isFinite(number) || (type === "integer" && !Number.isInteger(number))) {
        return { error: `${name} must be ${type === "integer" ? "a whole number" : "a number"}` };
      }
      result[name] = number;
    } else if (type === "string") {
      result[name] = text;
    } else if (type === "enum") {
      const choice = property.enum?.find((option) => String(option) === text);
      result[name] = choice ?? text;
    } else {
      try {
        result[name] = JSON.parse(text);
      } catch {
        return { error: `${name} must be JSON (${type === "array" ? "a list like [1, 2]" : "like {\"key\": 1}"})` };
      }
    }
  }
  return { value: result };
}

interface Props {
  schema: JsonSchema | undefined;
  idPrefix: string;
  values: FieldValues;
  onChange: (values: FieldValues) => void;
}

export function SchemaFields({ schema, idPrefix, values, onChange }: Props) {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return <p class="muted">This takes no arguments.</p>;
  return (
    <div class="fields">
      {properties.map(([name, property]) => {
        const id = `${idPrefix}-${name}`;
        const required = schema?.required?.includes(name) ?? false;
        const type = kind(property);
        const help = property.description ? <small id={`${id}-help`}>{property.description}</small> : null;
        const set = (value: string | boolean) => onChange({ ...values, [name]: value });
        const text = typeof values[name] === "string" ? (values[name] as string) : "";
        const common = {
          id,
          name,
          required,
          "aria-describedby": property.description ? `${id}-help` : undefined,
        };
        let input;
        if (type === "boolean") {
          input = <input {...common} type="checkbox" checked={values[name] === true} onChange={(e) => set(e.currentTarget.checked)} />;
        } else if (type === "enum") {
          input = (
            <select {...common} value={text} onChange={(e) => set(e.currentTarget.value)}>
              <option value="">{required ? "Choose…" : "(none)"}</option>
              {property.enum?.map((option) => (
                <option value={String(option)} key={String(option)}>
                  {String(option)}
                </option>
              ))}
            </select>
          );
        } else if (type === "number" || type === "integer") {
          input = (
            <input {...common} type="number" step={type === "integer" ? 1 : "any"} value={text} onInput={(e) => set(e.currentTarget.value)} />
          );
        } else if (type === "string") {
          input = <input {...common} type="text" value={text} onInput={(e) => set(e.currentTarget.value)} />;
        } else {
          input = (
            <textarea {...common} rows={3} class="mono" placeholder={type === "array" ? "[ ]" : "{ }"} value={text}
              onInput={(e) => set(e.currentTarget.value)} />
          );
        }
        return (
          <div class={type === "boolean" ? "field field-check" : "field"} key={name}>
            <label for={id}>
              {property.title ?? name}
              {required && <span aria-hidden="true"> *</span>}
              {required && <span class="offscreen"> (required)</span>}
              <span class="muted"> {type === "json" ? "" : type}</span>
            </label>
            {input}
            {help}
          </div>
        );
      })}
    </div>
  );
}

export function useFieldValues(): [FieldValues, (values: FieldValues) => void] {
  return useState<FieldValues>({});
}
