import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Client } from '../core/client.js';
import { getCurrentClient } from '../core/current-client.js';

export interface FallbackProps {
  error: unknown;
  /** Renders the children again. */
  reset(): void;
}

export interface ErrorBoundaryProps {
  children?: ReactNode;
  fallback?: ReactNode | ((props: FallbackProps) => ReactNode);
  /** What part of the app this boundary guards; used for team assignment. */
  component?: string;
  /** @default 'render' */
  action?: string;
  tags?: Record<string, string>;
  /** @default the client `init` made */
  client?: Client;
  onError?: (error: unknown, componentStack: string | undefined, eventId: string | undefined) => void;
}

interface State {
  failed: boolean;
  error: unknown;
}

/** The name of the component that threw: the first line of React's component stack. */
function throwingComponent(componentStack: string | null | undefined): string | undefined {
  return componentStack ? /^\s*(?:at|in)\s+([A-Za-z0-9_$.]+)/m.exec(componentStack)?.[1] : undefined;
}

/** Reports render errors below it (source error-boundary) and shows `fallback` instead. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { failed: false, error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? undefined;
    const eventId = (this.props.client ?? getCurrentClient())?.captureException(error, {
      source: 'error-boundary',
      component: this.props.component ?? throwingComponent(componentStack),
      action: this.props.action ?? 'render',
      tags: this.props.tags,
      extra: componentStack ? { componentStack } : undefined,
      mechanism: { type: 'react.error-boundary', handled: true },
    });
    this.props.onError?.(error, componentStack, eventId);
  }

  private readonly reset = () => this.setState({ failed: false, error: undefined });

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { fallback } = this.props;
    return typeof fallback === 'function'
      ? fallback({ error: this.state.error, reset: this.reset })
      : (fallback ?? null);
  }
}
