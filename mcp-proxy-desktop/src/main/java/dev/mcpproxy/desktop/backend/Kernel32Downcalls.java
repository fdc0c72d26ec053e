package dev.mcpproxy.desktop.backend;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * {@link WindowsJob}'s kernel32 functions through the FFM API, each capturing GetLastError as it returns (a later
 * call could overwrite it). A HANDLE is a pointer, a BOOL and a DWORD 32-bit ints. It has not run on Windows (see
 * {@link WindowsJob}); linking it anywhere else fails, as kernel32.dll is not there.
 */
final class Kernel32Downcalls implements WindowsJob.Kernel32 {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle LAST_ERROR = CALL_STATE.varHandle(
            MemoryLayout.PathElement.groupElement("GetLastError"));

    private final MethodHandle createJobObjectW;
    private final MethodHandle setInformationJobObject;
    private final MethodHandle openProcess;
    private final MethodHandle assignProcessToJobObject;
    private final MethodHandle closeHandle;

    Kernel32Downcalls() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup kernel32 = SymbolLookup.libraryLookup("kernel32.dll", Arena.global());
        Linker.Option lastError = Linker.Option.captureCallState("GetLastError");
        createJobObjectW = linker.downcallHandle(kernel32.findOrThrow("CreateJobObjectW"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), lastError);
        setInformationJobObject = linker.downcallHandle(kernel32.findOrThrow("SetInformationJobObject"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT), lastError);
        openProcess = linker.downcallHandle(kernel32.findOrThrow("OpenProcess"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT), lastError);
        assignProcessToJobObject = linker.downcallHandle(kernel32.findOrThrow("AssignProcessToJobObject"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), lastError);
        closeHandle = linker.downcallHandle(kernel32.findOrThrow("CloseHandle"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    @Override
    public MemorySegment createJobObject() throws IOException {
        return call("CreateJobObjectW", state -> (MemorySegment) createJobObjectW.invokeExact(state,
                MemorySegment.NULL, MemorySegment.NULL), Kernel32Downcalls::isNull);
    }

    @Override
    public void setInformationJobObject(MemorySegment job, int infoClass, MemorySegment info) throws IOException {
        call("SetInformationJobObject", state -> (int) setInformationJobObject.invokeExact(state, job, infoClass, info,
                Math.toIntExact(info.byteSize())), Kernel32Downcalls::isFalse);
    }

    @Override
    public MemorySegment openProcess(int access, int pid) throws IOException {
        return call("OpenProcess", state -> (MemorySegment) openProcess.invokeExact(state, access, 0, pid),
                Kernel32Downcalls::isNull);
    }

    @Override
    public void assignProcessToJobObject(MemorySegment job, MemorySegment process) throws IOException {
        call("AssignProcessToJobObject", state -> (int) assignProcessToJobObject.invokeExact(state, job, process),
                Kernel32Downcalls::isFalse);
    }

    @Override
    public void closeHandle(MemorySegment handle) {
        try {
            if ((int) closeHandle.invokeExact(handle) == 0) {
                LOG.log(Level.DEBUG, "CloseHandle failed; the app's exit closes it");
            }
        } catch (Throwable e) {
            LOG.log(Level.DEBUG, "CloseHandle failed ({0}); the app's exit closes it", e.toString());
        }
    }

    /** A downcall whose first argument is the segment its GetLastError is captured in. */
    @FunctionalInterface
    private interface Downcall<T> {
        T invoke(MemorySegment callState) throws Throwable;
    }

    private static <T> T call(String function, Downcall<T> downcall, Predicate<T> failed) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            T result = downcall.invoke(state);
            if (failed.test(result)) {
                throw new IOException(function + " failed with error " + (int) LAST_ERROR.get(state, 0L));
            }
            return result;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(function + ": " + e, e);
        }
    }

    private static boolean isNull(MemorySegment handle) {
        return handle.address() == 0;
    }

    private static boolean isFalse(int result) {
        return result == 0;
    }
}
