/** What the conversation list says while it is empty, and the way forward from there. */
export function SidebarEmpty({ hasAccounts, onStartChat }: { readonly hasAccounts: boolean; readonly onStartChat: () => void }) {
  if (!hasAccounts) return <p className="note sidebar__empty">Your chats will be listed here once you have added your account.</p>;
  return (
    <div className="sidebar__empty" data-testid="no-chats">
      <p className="note">No chats yet.</p>
      <button type="button" className="button--link" onClick={onStartChat}>
        Start a chat with one of your contacts
      </button>
    </div>
  );
}
