package dev.mcpproxy.desktop.backend;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * Windows: the sidecar in a job object that ends with the app. Windows has neither a parent-death signal nor process
 * groups to signal; instead the app holds the only handle of a job with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE},
 * and when the app exits, however it exits, Windows closes the handle and ends every process in the job: the
 * sidecar, and its servers, which inherit their parent's job. The calls ({@link Kernel32Downcalls}, through the FFM
 * API): CreateJobObjectW, SetInformationJobObject with a JOBOBJECT_EXTENDED_LIMIT_INFORMATION, then per sidecar
 * OpenProcess and AssignProcessToJobObject. Java cannot start a process suspended, so the sidecar joins just after
 * it starts; a process it started before then would stay out of the job, and a JVM starts none that soon. The
 * app's JVM needs {@code --enable-native-access=ALL-UNNAMED} (./mcp-proxy desktop passes it), else Java warns.
 * <p>
 * It has not run on Windows: it is written from Microsoft's documentation, and tested on Linux for the struct's
 * layout (against the documented x64 sizes and offsets) and for the order and arguments of the calls (against a
 * stand-in for kernel32). On Linux and macOS nothing loads this class.
 */
final class WindowsJob {

    /** The kernel32 functions the job needs; each failure names its function and GetLastError's code. */
    interface Kernel32 {
        /** CreateJobObjectW(NULL, NULL): an unnamed job with default security. */
        MemorySegment createJobObject() throws IOException;

        void setInformationJobObject(MemorySegment job, int infoClass, MemorySegment info) throws IOException;

        MemorySegment openProcess(int access, int pid) throws IOException;

        void assignProcessToJobObject(MemorySegment job, MemorySegment process) throws IOException;

        void closeHandle(MemorySegment handle);
    }

    /** JOBOBJECTINFOCLASS's JobObjectExtendedLimitInformation. */
    static final int EXTENDED_LIMIT_INFORMATION_CLASS = 9;
    static final int JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
    /** The access AssignProcessToJobObject needs to the process. */
    static final int PROCESS_SET_QUOTA_AND_TERMINATE = 0x0100 | 0x0001;

    /** JOBOBJECT_BASIC_LIMIT_INFORMATION on x64: LARGE_INTEGER, DWORD, SIZE_T and ULONG_PTR fields. */
    static final StructLayout BASIC_LIMIT_INFORMATION = MemoryLayout.structLayout(
            JAVA_LONG.withName("PerProcessUserTimeLimit"),
            JAVA_LONG.withName("PerJobUserTimeLimit"),
            JAVA_INT.withName("LimitFlags"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("MinimumWorkingSetSize"),
            JAVA_LONG.withName("MaximumWorkingSetSize"),
            JAVA_INT.withName("ActiveProcessLimit"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("Affinity"),
            JAVA_INT.withName("PriorityClass"),
            JAVA_INT.withName("SchedulingClass"));
    static final StructLayout IO_COUNTERS = MemoryLayout.structLayout(
            JAVA_LONG.withName("ReadOperationCount"),
            JAVA_LONG.withName("WriteOperationCount"),
            JAVA_LONG.withName("OtherOperationCount"),
            JAVA_LONG.withName("ReadTransferCount"),
            JAVA_LONG.withName("WriteTransferCount"),
            JAVA_LONG.withName("OtherTransferCount"));
    static final StructLayout EXTENDED_LIMIT_INFORMATION = MemoryLayout.structLayout(
            BASIC_LIMIT_INFORMATION.withName("BasicLimitInformation"),
            IO_COUNTERS.withName("IoInfo"),
            JAVA_LONG.withName("ProcessMemoryLimit"),
            JAVA_LONG.withName("JobMemoryLimit"),
            JAVA_LONG.withName("PeakProcessMemoryUsed"),
            JAVA_LONG.withName("PeakJobMemoryUsed"));
    private static final VarHandle LIMIT_FLAGS = EXTENDED_LIMIT_INFORMATION.varHandle(
            groupElement("BasicLimitInformation"), groupElement("LimitFlags"));

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    /** The app's one job, made at the first sidecar's start; its handle is closed by the app's exit, on purpose. */
    private static WindowsJob appJob;

    private final Kernel32 kernel32;
    private final MemorySegment job;

    private WindowsJob(Kernel32 kernel32, MemorySegment job) {
        this.kernel32 = kernel32;
        this.job = job;
    }

    /**
     * Puts the sidecar in the app's job. A failure is logged, not thrown: the stdin watchdog still ends the sidecar
     * with the app, though its servers may then outlive a killed app.
     */
    static synchronized void addToAppJob(long pid) {
        try {
            if (appJob == null) {
                appJob = create(new Kernel32Downcalls());
            }
            appJob.assign(pid);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The sidecar (pid {0}) is not in a job object, so its servers may outlive a "
                    + "killed app: {1}", Long.toString(pid), e.getMessage());
        }
    }

    /** A job that ends its processes once its last handle is closed. */
    static WindowsJob create(Kernel32 kernel32) throws IOException {
        MemorySegment job = kernel32.createJobObject();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limits = arena.allocate(EXTENDED_LIMIT_INFORMATION);
            LIMIT_FLAGS.set(limits, 0L, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE);
            kernel32.setInformationJobObject(job, EXTENDED_LIMIT_INFORMATION_CLASS, limits);
        } catch (IOException | RuntimeException e) {
            kernel32.closeHandle(job);
            throw e;
        }
        return new WindowsJob(kernel32, job);
    }

    /** Puts process {@code pid} in this job; the process handle opened for it is closed again. */
    void assign(long pid) throws IOException {
        MemorySegment process = kernel32.openProcess(PROCESS_SET_QUOTA_AND_TERMINATE, Math.toIntExact(pid));
        try {
            kernel32.assignProcessToJobObject(job, process);
        } finally {
            kernel32.closeHandle(process);
        }
    }
}
