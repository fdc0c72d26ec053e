// The API's shapes, generated from the sidecar's own /api/openapi.json at build time (src/api/openapi.gen.ts), so
// that a field the API does not have fails the type check.
import type { components } from "./openapi.gen";

type Schemas = components["schemas"];

export type Server = Schemas["Server"];
export type ServerState = NonNullable<Server["state"]>;
export type LogLine = Schemas["LogLine"];
export type Call = Schemas["Call"];
export type ApiEvent = Schemas["Event"];
export type Problem = Schemas["Problem"];
export type ServerEntry = Schemas["ServerEntry"];
export type Client = Schemas["Client"];
export type ClientChange = Schemas["ClientChange"];
export type Example = Schemas["Example"];

export interface Tool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

export interface Prompt {
  name: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}

export interface Resource {
  uri: string;
  name?: string;
  description?: string;
  mimeType?: string;
}

export interface ResourceTemplate {
  uriTemplate: string;
  name?: string;
  description?: string;
  mimeType?: string;
}

export interface ServerDetail extends Server {
  tools?: Tool[];
  prompts?: Prompt[];
  resources?: Resource[];
  resource_templates?: ResourceTemplate[];
}

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
}

export interface LogLineEvent extends LogLine {
  server: string;
}
