// One Pinia store per domain; each calls `useCoreClient().call('<domain>.<method>', …)`.
export { useLiveStore } from './live';
export { useNoticesStore } from './notices';
export { useAgentsStore } from './agents';
export type { AgentView } from '../domain/agent-filter';
export { useWallboardStore, allQueues } from './wallboard';
export { useThresholdsStore, levelAbove, type AlertLevel, type QueueThresholds } from './thresholds';
export { useSessionStore, type Theme } from './session';
export { agentStatuses, type AgentStatus } from '@contract';
export type { BoardFigures } from '../domain/board-figures';
export { useHistoryStore, type HistoryForm } from './history';
export { useActionsStore, type ActionNotice, type ActionTarget } from './actions';
export { useBlacklistStore } from './blacklist';
export { useAuditStore } from './audit';
export { useLiveClockStore } from './live-clock';
export { useBoardsStore, type BoardSaved } from './boards';
