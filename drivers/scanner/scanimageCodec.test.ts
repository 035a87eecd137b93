import { describe, expect, it } from 'vitest';
import {
  buildScanArgs,
  parseDeviceList,
  parseScanimageLine,
  parseSourceOptions,
  pickSource,
} from './scanimageCodec';
import { ScanRequestSchema } from './schemas';

describe('scanimage codec', () => {
  it('parses the tab-separated device list and ignores junk lines', () => {
    const out =
      'test:0\tNoname\tfrontend-tester\tvirtual device\nairscan:e0:HP LaserJet MFP\tHP\tLaserJet MFP M28w\teSCL network scanner\n\ngarbage\n';
    expect(parseDeviceList(out)).toEqual([
      { id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
      {
        id: 'airscan:e0:HP LaserJet MFP',
        vendor: 'HP',
        model: 'LaserJet MFP M28w',
        type: 'eSCL network scanner',
      },
    ]);
  });

  it('finds the feeder among vendor-specific source names', () => {
    const help = '    --source Flatbed|Automatic Document Feeder [Flatbed]\n        If Automatic...';
    const sources = parseSourceOptions(help);
    expect(sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
    expect(pickSource(sources, 'adf')).toBe('Automatic Document Feeder');
    expect(pickSource(['Flatbed', 'ADF Duplex', 'ADF Front'], 'adf')).toBe('ADF Front');
    expect(pickSource(['Flatbed'], 'adf')).toBeUndefined();
    expect(parseSourceOptions('no such option')).toEqual([]);
  });

  it('builds flatbed and ADF command lines', () => {
    const flat = buildScanArgs(ScanRequestSchema.parse({}), {
      deviceId: 'test:0',
      batchPattern: '/t/p%d.tif',
    });
    expect(flat).toEqual(
      expect.arrayContaining([
        '--device-name=test:0',
        '--mode=Gray',
        '--resolution=200',
        '--batch-count=1',
        '--format=tiff',
      ]),
    );
    const adf = buildScanArgs(ScanRequestSchema.parse({ source: 'adf', mode: 'color', maxPages: 3 }), {
      deviceId: 'test:1',
      batchPattern: '/t/p%d.tif',
      sourceName: 'Automatic Document Feeder',
    });
    expect(adf).toEqual(
      expect.arrayContaining(['--mode=Color', '--source=Automatic Document Feeder', '--batch-count=3']),
    );
    expect(() => ScanRequestSchema.parse({ resolution: 5000 })).toThrow();
  });

  it('turns stderr lines into events and failures into plain states', () => {
    expect(parseScanimageLine('Scanning page 2')).toEqual({ type: 'page-start', page: 2 });
    expect(parseScanimageLine('Progress: 37.0%')).toEqual({ type: 'progress', percent: 37 });
    expect(parseScanimageLine('Scanned page 2. (scanner status = 5)')).toEqual({
      type: 'page-done',
      page: 2,
    });
    expect(parseScanimageLine('Scanned page 1. (scanner status = 6)')).toBeUndefined();
    expect(parseScanimageLine('Batch terminated, 3 pages scanned')).toEqual({ type: 'batch-end', pages: 3 });
    expect(parseScanimageLine('scanimage: sane_start: Document feeder out of documents')).toEqual({
      type: 'feeder-empty',
    });
    expect(parseScanimageLine('scanimage: sane_read: Error during device I/O')).toMatchObject({
      status: 'disconnected',
    });
    expect(parseScanimageLine('scanimage: sane_read: Document feeder jammed')).toMatchObject({
      status: 'jammed',
    });
    expect(parseScanimageLine('scanimage: open of device test:9 failed: Invalid argument')).toMatchObject({
      status: 'no-scanner',
    });
    expect(parseScanimageLine('scanimage: sane_start: Device busy')).toMatchObject({ status: 'busy' });
    expect(parseScanimageLine('scanimage: sane_start: Scanner cover is open')).toMatchObject({
      status: 'cover-open',
    });
    expect(parseScanimageLine('scanimage: rounded value of br-x from 210 to 200')).toBeUndefined();
    expect(parseScanimageLine('scanimage: something new')).toMatchObject({ status: 'fault' });
    expect(parseScanimageLine('')).toBeUndefined();
  });
});
