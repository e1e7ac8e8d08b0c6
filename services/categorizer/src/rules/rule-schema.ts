import { Label, Priority, Severity, StringEnum } from '@faultline/contracts';
import Type, { type Static } from 'typebox';

/** A regular expression, matched case-insensitively anywhere in the field. */
const Pattern = Type.String({ minLength: 1, maxLength: 1024 });

/** Text fields of an ErrorEvent a rule can match; `stack` is the exception chain as text. */
export const TEXT_FIELDS = ['message', 'stack', 'component', 'source'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const METRICS = ['responseTimeMs', 'memoryBytes'] as const;
export type Metric = (typeof METRICS)[number];

export const COMPARISONS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export function textCondition(field: TextField) {
  return Type.Object({ [field]: Pattern }, { additionalProperties: false });
}

export const TagCondition = Type.Object(
  { tag: Type.String({ minLength: 1, maxLength: 64 }), pattern: Pattern },
  { additionalProperties: false },
);

/** Every comparison given (at least one) must hold, so `{ gte: 100, lt: 500 }` is a range. */
export const MetricCondition = Type.Object(
  {
    metric: StringEnum(METRICS),
    gt: Type.Optional(Type.Number()),
    gte: Type.Optional(Type.Number()),
    lt: Type.Optional(Type.Number()),
    lte: Type.Optional(Type.Number()),
    eq: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export type Condition =
  | { [F in TextField]: { [K in F]: string } }[TextField]
  | Static<typeof TagCondition>
  | Static<typeof MetricCondition>;

/** What a matching rule decides. priority defaults to the severity's; team to the component's. */
export const Outcome = Type.Object(
  {
    severity: Severity,
    category: Label,
    priority: Type.Optional(Priority),
    escalation: Label,
    team: Type.Optional(Label),
  },
  { additionalProperties: false },
);
export type Outcome = Static<typeof Outcome>;

/** A rule before its conditions are checked one by one (so errors can name the condition). */
export const RuleShape = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    description: Type.Optional(Type.String({ maxLength: 1024 })),
    /** `all` (default): every condition holds; `any`: at least one. No conditions: always matches. */
    match: Type.Optional(StringEnum(['all', 'any'] as const)),
    when: Type.Array(Type.Unknown(), { maxItems: 1000 }),
    set: Outcome,
  },
  { additionalProperties: false },
);

export interface Rule {
  id: string;
  description?: string;
  match?: 'all' | 'any';
  when: Condition[];
  set: Outcome;
}

export const RulesFileShape = Type.Object(
  { rules: Type.Array(Type.Unknown(), { maxItems: 10_000 }) },
  { additionalProperties: false },
);

export interface RulesDocument {
  rules: Rule[];
}
