export {
  DEFAULT_MAX_INPUT,
  LinearPattern,
  type LinearPatternOptions,
  PatternSyntaxError,
} from './linear-pattern.js';
