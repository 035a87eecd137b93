import type { StaffApiError } from '../api/staffApi';

export function ErrorNotice({ error, onRetry }: { error: StaffApiError | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      {error.messageZh}
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}
