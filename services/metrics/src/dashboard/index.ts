export { buildAlertCommand, COMMAND_ACTIONS, type CommandAction } from './alert-command.js';
export type { SendCommand } from './command-routes.js';
export { type DashboardOptions, default as dashboardPlugin } from './dashboard-plugin.js';
export { DashboardError, type DashboardErrorCode } from './errors.js';
export { type LiveFeed, startLiveFeed } from './live-feed.js';
export { formatSse, LiveHub, toLiveMessage } from './live-hub.js';
export { alertCommandsTopicSpecs } from './topics.js';
export { DEFAULT_WEB_ROOT, isBuilt } from './web-root.js';
