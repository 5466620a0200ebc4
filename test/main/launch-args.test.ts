import { describe, expect, it } from 'vitest';
import { workspaceFileInArgs } from '../../main/launch-args';

describe('workspaceFileInArgs (main/launch-args.ts)', () => {
  it('finds the workspace file a launch names, resolved against the launch folder', () => {
    expect(
      workspaceFileInArgs(['/opt/Tidemark/tidemark', 'monitor.tidemark.json'], '/home/u'),
    ).toBe('/home/u/monitor.tidemark.json');
    expect(
      workspaceFileInArgs(
        ['electron', '.', '--inspect=5858', '/w/a.tidemark.json', '/w/B.TIDEMARK.JSON'],
        '/x',
      ),
    ).toBe('/w/B.TIDEMARK.JSON');
  });

  it('ignores the executable, flags and other files', () => {
    expect(workspaceFileInArgs(['/w/x.tidemark.json'], '/')).toBeNull();
    expect(workspaceFileInArgs(['app', '--file=x.tidemark.json', 'notes.json'], '/')).toBeNull();
  });
});
